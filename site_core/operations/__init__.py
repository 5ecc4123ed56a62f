"""What an operator runs around the site: backups and restores (`manage.py backup` / `restore`), and the
default Site's address taken from SITE_URL on every migrate."""
