#!/usr/bin/python3
"""gnocchi-upgrade, after waiting for the database, so that the imports overlap initdb.
Usage: gnocchi-upgrade.py --config-file GNOCCHI_CONF [gnocchi-upgrade options]
Env: PG_HOST PG_PORT (database `gnocchi`, user postgres) to wait for, up to 120 s.
Run it under `timeout`: gnocchi-upgrade retries forever when the indexer is unusable."""
import sys

from gnocchi.cli import manage
from waitdb import wait_for_db

wait_for_db("gnocchi")

sys.argv[0] = "gnocchi-upgrade"
sys.exit(manage.upgrade())
