"""The site's shared vocabularies, on the ground floor beside `core`: topics every content app
tags with (and later the administrative units). Imports `core` and third-party packages only."""
