"""Wait until the stack's PostgreSQL accepts connections to a database (shared by the init scripts)."""
import os
import time

import psycopg2


def wait_for_db(dbname, timeout=120):
    deadline = time.time() + timeout
    while True:
        try:
            psycopg2.connect(host=os.environ.get("PG_HOST", "127.0.0.1"), port=int(os.environ.get("PG_PORT", "5433")),
                             user="postgres", dbname=dbname, connect_timeout=2).close()
            return
        except psycopg2.OperationalError:
            if time.time() > deadline:
                raise
            time.sleep(0.1)
