#!/usr/bin/python3
"""Run several `keystone-manage` commands in ONE interpreter (each separate keystone-manage
call costs ~2 s of imports), after waiting for the database (the imports overlap initdb).
Usage: keystone-init.py CONFIG_FILE 'cmd args...' ['cmd args...' ...]
Same as: for each arg: keystone-manage --config-file CONFIG_FILE cmd args...
Env: PG_HOST PG_PORT (database `keystone`, user postgres) to wait for, up to 120 s."""
import shlex
import sys

from keystone.cmd import cli
from waitdb import wait_for_db

wait_for_db("keystone")

conf_file = sys.argv[1]
for cmd in sys.argv[2:]:
    argv = ["keystone-manage", "--config-file", conf_file] + shlex.split(cmd)
    cli.CONF.clear()
    cli.main(argv=argv)
    print("keystone-init: done:", cmd, flush=True)
