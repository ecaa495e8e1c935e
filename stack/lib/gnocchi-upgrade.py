#!/usr/bin/python3
"""gnocchi-upgrade, after waiting for the database, so that the imports overlap initdb.
Usage: gnocchi-upgrade.py --config-file GNOCCHI_CONF [gnocchi-upgrade options]
Env: PG_HOST PG_PORT (database `gnocchi`, user postgres) to wait for, up to 120 s.
Run it under `timeout`: gnocchi-upgrade retries forever when the indexer is unusable."""
import os
import sys
import time

from gnocchi.cli import manage
import psycopg2

deadline = time.time() + 120
while True:
    try:
        psycopg2.connect(host=os.environ.get("PG_HOST", "127.0.0.1"), port=int(os.environ.get("PG_PORT", "5433")),
                         user="postgres", dbname="gnocchi", connect_timeout=2).close()
        break
    except psycopg2.OperationalError:
        if time.time() > deadline:
            raise
        time.sleep(0.1)

sys.argv[0] = "gnocchi-upgrade"
sys.exit(manage.upgrade())
