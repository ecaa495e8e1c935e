#!/usr/bin/python3
"""Run several `keystone-manage` commands in ONE interpreter (each separate keystone-manage
call costs ~2 s of imports), after waiting for the database (the imports overlap initdb).
Usage: keystone-init.py CONFIG_FILE 'cmd args...' ['cmd args...' ...]
Same as: for each arg: keystone-manage --config-file CONFIG_FILE cmd args...
Env: PG_HOST PG_PORT (database `keystone`, user postgres) to wait for, up to 120 s."""
import os
import shlex
import sys
import time

from keystone.cmd import cli
import psycopg2

deadline = time.time() + 120
while True:
    try:
        psycopg2.connect(host=os.environ.get("PG_HOST", "127.0.0.1"), port=int(os.environ.get("PG_PORT", "5433")),
                         user="postgres", dbname="keystone", connect_timeout=2).close()
        break
    except psycopg2.OperationalError:
        if time.time() > deadline:
            raise
        time.sleep(0.1)

conf_file = sys.argv[1]
for cmd in sys.argv[2:]:
    argv = ["keystone-manage", "--config-file", conf_file] + shlex.split(cmd)
    cli.CONF.clear()
    cli.main(argv=argv)
    print("keystone-init: done:", cmd, flush=True)
