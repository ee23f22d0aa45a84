"""The editorial groups. Each app's data migration (`<app>/migrations/0002_editorial_permissions`)
grants its own permissions to them, with these names written out."""

EDITORS = "Biên tập viên"
PUBLISHERS = "Duyệt tin"
# Read-only: logs in and reads internal documents on the public registry; edits nothing.
READERS = "Cán bộ"
