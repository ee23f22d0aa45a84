"""Backups (ops/backup.py, `manage.py backup_site` / `restore_site`; README "Backup and restore").

Where they go, the key that encrypts them, how many are kept, and where `backup_site --verify`
restores the newest to prove it can be restored.
"""

from dvsite.config.env import BASE_DIR, env

# A folder (a path or file:///path) or S3-compatible object storage (s3://bucket/prefix), best
# on another machine or site than the one the backups are of.
BACKUP_URL = env.str("DJANGO_BACKUP_URL", default=str(BASE_DIR / "backups"))
# The bucket's own endpoint and credentials (empty: boto3's usual chain, AWS_* variables, a
# profile or an instance role); never the media bucket's, so the web servers cannot erase backups.
BACKUP_S3 = {
    "endpoint_url": env.str("DJANGO_BACKUP_S3_ENDPOINT_URL", default="") or None,
    "region_name": env.str("DJANGO_BACKUP_S3_REGION", default="") or None,
    "access_key": env.str("DJANGO_BACKUP_S3_ACCESS_KEY_ID", default="") or None,
    "secret_key": env.str("DJANGO_BACKUP_S3_SECRET_ACCESS_KEY", default="") or None,
}
# The 32-byte key (URL-safe base64) that encrypts every archive, or a file holding it (under
# systemd, the backup unit's credential; the web servers never need it). `backup_site` refuses
# to run without one; `manage.py backup_site --generate-key` prints a new key.
BACKUP_KEY = env.str("DJANGO_BACKUP_KEY", default="")
BACKUP_KEY_FILE = env.str("DJANGO_BACKUP_KEY_FILE", default="")
# Retention after each backup: the newest archive of each of the last N days, weeks and months
# that have one (an archive may count for all three); everything else in the target goes.
BACKUP_KEEP_DAILY = env.int("DJANGO_BACKUP_KEEP_DAILY", default=7)
BACKUP_KEEP_WEEKLY = env.int("DJANGO_BACKUP_KEEP_WEEKLY", default=5)
BACKUP_KEEP_MONTHLY = env.int("DJANGO_BACKUP_KEEP_MONTHLY", default=12)
# Where `backup_site --verify` restores the newest archive: empty for a fresh SQLite file in a
# private temporary folder; a PostgreSQL URL for a scratch database of its own, which it wipes
# (never the site's database).
BACKUP_VERIFY_DATABASE_URL = env.str("DJANGO_BACKUP_VERIFY_DATABASE_URL", default="")
