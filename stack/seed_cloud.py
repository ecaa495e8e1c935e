#!/usr/bin/python3
"""Seed a small OpenStack cloud, as Ceilometer and collectd-gnocchi would have written it, beside
seed.py's synthetic demo data (which it leaves untouched). Runs after `seed.py` (it reads the users
and projects from seed.json) and adds the key "cloud" to $STACK_STATE/seed.json.

Usage: seed_cloud.py [all|recent]      (default: all)
  all     Ceilometer's resource types and archive policies (Ceilometer's own code: Debian
          python3-ceilometer, Zed), collectd-gnocchi's `collectd` type, the resources, and the last
          26 h of measures
  recent  only the measures after the previous run's end (warm start); a full run when seed.json
          has no "cloud" yet
Both modes wait until Gnocchi has processed the posted measures, then write the "cloud" key into
seed.json (nothing else changes there). Run it after seed.py (seed-all.sh does).

Schema: `ceilometer.gnocchi_client.upgrade_resource_types` (what `ceilometer-upgrade` runs) and
the publisher's `ensures_archives_policies` with the archive policies of Ceilometer's
`publisher/data/gnocchi_resources.yaml`, through a keystoneauth session as `admin` (an oslo.config
built in code, no file); each seeded Ceilometer metric gets the archive policy that file gives it
(`cpu`, disk bytes/requests and network metrics: ceilometer-low-rate; the others ceilometer-low).
collectd: type `collectd` with attribute `host` (required string), as collectd-gnocchi creates it;
its gauges use ceilometer-low, its counters (if_octets) ceilometer-low-rate.

Resources (created as admin with the tenant's project_id/user_id, as Ceilometer does; ids are
uuid5 of fixed names, or Ceilometer's own non-UUID ids that Gnocchi maps to UUIDs):
  instance  i=0..7: web-1 web-2 db-1 db-2 cache-1 batch-1 (grafana-demo), other-app-1 other-app-2
            (other-demo); flavors m1.small (id 2, 1 vcpu, 2048 MB), m1.medium (3, 2, 4096),
            m1.large (4, 4, 8192); hosts cmp-01..cmp-03; metrics cpu, vcpus, memory, memory.usage
  instance_disk  "<instance uuid>-vda" for every instance, "-vdb" too for db-1 and db-2 (j=0..9 in
            that order); metrics disk.device.{read,write}.{requests,bytes}
  instance_network_interface  "instance-0000000<i+1>-<instance uuid>-tap<port>" (name tap<port>),
            one per instance (k=i); metrics network.{incoming,outgoing}.{bytes,packets}
  volume    db-1-data, db-2-data, shared-archive (grafana-demo), other-data (other-demo); volume.size
            Deleted volumes (v=4..6, with started_at and ended_at, for lifecycle annotations), times
            relative to E = the cold seed's measures end: scratch-1 (grafana-demo, attached to batch-1)
            E-20h..E-8h, build-cache (grafana-demo) E-30h..E-1h, old-scratch (other-demo) E-10h..E-4h;
            volume.size only during their life. The times are Gnocchi's (recorded in seed.json as
            started_at/ended_at): later runs keep them, warm starts post nothing for them.
  collectd  cmp-01..cmp-03 (grafana-demo), cmp-04 (other-demo), id = host name (n=0..3); metrics
            cpu-{0,1}@percent-{user,system,idle}-0, memory@memory-{used,free}-0,
            memory@percent-used-0, load@load-{0,1,2}, interface-eth0@if_octets-{0,1}

Measures: every 300 s, aligned on multiples of 300, from floor(now/300)*300 - 26 h to
floor(now/300)*300 (313 points per metric), a function of ABSOLUTE time t (unix s), so re-posting is
idempotent. h = hour of day UTC = (t mod 86400) div 3600; tri = 12 - |h - 12| (0 at 00:00, 12 at 12:00).
Counters (cumulative) start at 0 at T0 = 2024-01-01T00:00:00Z and grow by d(s) at every 300-s
step s in (T0, t]: C(t) = sum d(s). Gnocchi's rate:mean at t (300 s granularity) is then exactly
d(t); all counter values are exact in float64 (integers, cpu multiples of 512 below 2^62).
  cpu (ns)           d = vcpus * p * 3e9,  p = 10 + 5*i + 2*tri   (p = % of the instance's vCPUs;
                     rate:mean / 3e9 = CPU % of one vCPU = vcpus * p)
  vcpus, memory      flavor's vcpus, flavor's RAM in MB (constant)
  memory.usage (MB)  RAM/4 + 64*tri + 16*i
  disk.device.read.requests   d = 300*(5 + j + tri)   (read IOPS = rate/300 = 5 + j + tri)
  disk.device.write.requests  d = 300*(2 + j)         (write IOPS = 2 + j)
  disk.device.read.bytes      d = 4096 * read.requests d;  write.bytes d = 8192 * write.requests d
  network.incoming.packets    d = 300*(100*(k+1) + 10*tri);  incoming.bytes d = 1000 * that
  network.outgoing.packets    d = 300*(50*(k+1) + 5*tri);    outgoing.bytes d = 500 * that
  volume.size (GB)   db-1-data 100, db-2-data 100, shared-archive 500, other-data 20; deleted: scratch-1 50,
                     build-cache 10, old-scratch 20 (points only from started_at to ended_at)
  collectd host n:
    cpu-c@percent-user-0 = 10 + 10*c + 5*n + 2*tri; cpu-c@percent-system-0 = 5 + n;
    cpu-c@percent-idle-0 = 100 - user - system
    memory@memory-used-0 = (8 + 2*n)*2^30 + tri*2^28 bytes; memory@memory-free-0 = 2^36 - used;
    memory@percent-used-0 = 100*used/2^36
    load@load-0 = n + 1 + tri/4; load@load-1 = n + 1; load@load-2 = n + 0.5
    interface-eth0@if_octets-0 (rx counter) d = 300*(1e6*(n+1) + 1e5*tri); -1 (tx) d = half of it

Environment: as seed.py (KS_URL, GN_URL, STACK_STATE, STACK_METRICD, REGION, ADMIN_*).
"""
import datetime
import json
import os
import sys
import time
import types
import uuid

sys.dont_write_bytecode = True  # no __pycache__ in stack/
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import seed as S  # noqa: E402  (shared HTTP/Keystone helpers, settings; its main() does not run)

STEP, SPAN = S.STEP, S.SPAN
T0_COUNTERS = 1704067200  # 2024-01-01T00:00:00Z
LAUNCHED = "2024-01-01T00:00:00+00:00"
NS = uuid.UUID("6f1c7d1e-3b8a-5a4e-9c1d-0a7e2f6b9c31")  # fixed namespace: same ids on every cold start
FLAVORS = {"m1.small": ("2", 1, 2048), "m1.medium": ("3", 2, 4096), "m1.large": ("4", 4, 8192)}
IMAGES = {"ubuntu-22.04": str(uuid.uuid5(NS, "image:ubuntu-22.04")), "cirros-0.6.2": str(uuid.uuid5(NS, "image:cirros"))}
# (display_name, owner, flavor, host, server_group, image)
INSTANCES = [
    ("web-1", "grafana", "m1.small", "cmp-01", "web", "ubuntu-22.04"),
    ("web-2", "grafana", "m1.small", "cmp-02", "web", "ubuntu-22.04"),
    ("db-1", "grafana", "m1.large", "cmp-01", "db", "ubuntu-22.04"),
    ("db-2", "grafana", "m1.large", "cmp-02", "db", "ubuntu-22.04"),
    ("cache-1", "grafana", "m1.medium", "cmp-03", None, "cirros-0.6.2"),
    ("batch-1", "grafana", "m1.medium", "cmp-03", None, "cirros-0.6.2"),
    ("other-app-1", "other", "m1.small", "cmp-03", None, "cirros-0.6.2"),
    ("other-app-2", "other", "m1.medium", "cmp-01", None, "ubuntu-22.04"),
]
EXTRA_DISKS = {"db-1": ["vdb"], "db-2": ["vdb"]}
# (display_name, owner, size GB, volume_type, attached to)
VOLUMES = [("db-1-data", "grafana", 100, "ssd", "db-1"), ("db-2-data", "grafana", 100, "ssd", "db-2"),
           ("shared-archive", "grafana", 500, "hdd", None), ("other-data", "other", 20, "ssd", "other-app-1")]
# deleted volumes: (display_name, owner, size GB, volume_type, attached to, started, ended: hours before
# the cold seed's measures end)
DELETED_VOLUMES = [("scratch-1", "grafana", 50, "ssd", "batch-1", 20, 8), ("build-cache", "grafana", 10, "hdd", None, 30, 1),
                   ("old-scratch", "other", 20, "ssd", None, 10, 4)]
COLLECTD = [("cmp-01", "grafana"), ("cmp-02", "grafana"), ("cmp-03", "grafana"), ("cmp-04", "other")]
COLLECTD_TYPE = {"host": {"type": "string", "required": True}}  # collectd-gnocchi's definition
UNITS = {"cpu": "ns", "vcpus": "vcpu", "memory": "MB", "memory.usage": "MB", "volume.size": "GB"}
CPU_STEP_NS = 3 * 10 ** 9  # 1 % of one vCPU during 300 s
# seed.json "cloud" key: resource type -> group
GROUPS = {"instance": "instances", "instance_disk": "disks", "instance_network_interface": "interfaces",
          "volume": "volumes", "collectd": "collectd"}


def log(msg):
    S.log("cloud: " + msg)


def hour(t):
    return (t % 86400) // 3600


def tri(t):
    return 12 - abs(hour(t) - 12)


# ---------------------------------------------------------------- formulas
def gauge(fn):
    return ("gauge", fn)


def counter(delta):
    return ("counter", delta)


def instance_metrics(i, flavor):
    _, vcpus, ram = FLAVORS[flavor]
    return {
        "cpu": counter(lambda t: vcpus * (10 + 5 * i + 2 * tri(t)) * CPU_STEP_NS),
        "vcpus": gauge(lambda t: vcpus),
        "memory": gauge(lambda t: ram),
        "memory.usage": gauge(lambda t: ram // 4 + 64 * tri(t) + 16 * i),
    }


def disk_metrics(j):
    rd = lambda t: 300 * (5 + j + tri(t))  # noqa: E731
    wr = lambda t: 300 * (2 + j)  # noqa: E731
    return {"disk.device.read.requests": counter(rd), "disk.device.write.requests": counter(wr),
            "disk.device.read.bytes": counter(lambda t: 4096 * rd(t)),
            "disk.device.write.bytes": counter(lambda t: 8192 * wr(t))}


def interface_metrics(k):
    inp = lambda t: 300 * (100 * (k + 1) + 10 * tri(t))  # noqa: E731
    outp = lambda t: 300 * (50 * (k + 1) + 5 * tri(t))  # noqa: E731
    return {"network.incoming.packets": counter(inp), "network.outgoing.packets": counter(outp),
            "network.incoming.bytes": counter(lambda t: 1000 * inp(t)),
            "network.outgoing.bytes": counter(lambda t: 500 * outp(t))}


def collectd_metrics(n):
    m = {}
    for c in (0, 1):
        user = lambda t, c=c: 10 + 10 * c + 5 * n + 2 * tri(t)  # noqa: E731
        m["cpu-%d@percent-user-0" % c] = gauge(user)
        m["cpu-%d@percent-system-0" % c] = gauge(lambda t: 5 + n)
        m["cpu-%d@percent-idle-0" % c] = gauge(lambda t, user=user: 100 - user(t) - (5 + n))
    used = lambda t: (8 + 2 * n) * 2 ** 30 + tri(t) * 2 ** 28  # noqa: E731
    m["memory@memory-used-0"] = gauge(used)
    m["memory@memory-free-0"] = gauge(lambda t: 2 ** 36 - used(t))
    m["memory@percent-used-0"] = gauge(lambda t: 100 * used(t) / 2 ** 36)
    m["load@load-0"] = gauge(lambda t: n + 1 + tri(t) / 4)
    m["load@load-1"] = gauge(lambda t: n + 1)
    m["load@load-2"] = gauge(lambda t: n + 0.5)
    rx = lambda t: 300 * (10 ** 6 * (n + 1) + 10 ** 5 * tri(t))  # noqa: E731
    m["interface-eth0@if_octets-0"] = counter(rx)
    m["interface-eth0@if_octets-1"] = counter(lambda t: rx(t) // 2)
    return m


def cumulative(delta, t):
    """C(t) = sum of delta(s) for s = T0+300, T0+600, ..., t. delta depends on the hour of day only,
    so every whole day adds the same amount."""
    days, rest = divmod(t - T0_COUNTERS, 86400)
    day_start = T0_COUNTERS + days * 86400
    per_day = sum(delta(T0_COUNTERS + s) for s in range(STEP, 86400 + 1, STEP))
    return days * per_day + sum(delta(s) for s in range(day_start + STEP, t + 1, STEP))


def series(kind_fn, ts):
    kind, fn = kind_fn
    if kind == "gauge":
        return [fn(t) for t in ts]
    if not ts:
        return []
    vals, c = [], cumulative(fn, ts[0])
    for n, t in enumerate(ts):
        if n:
            c += fn(t)
        vals.append(c)
    return vals


# ---------------------------------------------------------------- the cloud
def uid(kind, name):
    return str(uuid.uuid5(NS, "%s:%s" % (kind, name)))


def iso(t):
    return datetime.datetime.fromtimestamp(t, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S+00:00")


def unix(gnocchi_time):
    """Gnocchi's '2026-11-30T01:00:00+00:00' (or with microseconds) -> unix s."""
    return int(datetime.datetime.fromisoformat(gnocchi_time).timestamp())


def measures_end():
    return int(time.time()) // STEP * STEP


def wanted(out):
    """key -> spec: type, original id, owner, index, attributes, metrics {name: (kind, fn)}; deleted
    resources also have started_at/ended_at in their attributes (the times a new resource gets)."""
    users, projects = out["users"], out["projects"]

    def owner(o):
        return {"project_id": projects[users[o]["project"]], "user_id": users[o]["id"]}

    want = {}
    inst_ids = {}
    j = 0
    for i, (name, own, flavor, host, group, image) in enumerate(INSTANCES):
        iid = inst_ids[name] = uid("instance", name)
        fid = FLAVORS[flavor][0]
        want["instance/" + name] = dict(
            type="instance", id=iid, owner=own, index=i, metrics=instance_metrics(i, flavor),
            attrs=dict(owner(own), display_name=name, flavor_name=flavor, flavor_id=fid, host=host,
                       server_group=group, image_ref=IMAGES[image], launched_at=LAUNCHED, created_at=LAUNCHED,
                       deleted_at=None, availability_zone="nova"))
        for dev in ["vda"] + EXTRA_DISKS.get(name, []):
            want["instance_disk/%s/%s" % (name, dev)] = dict(
                type="instance_disk", id="%s-%s" % (iid, dev), owner=own, index=j, metrics=disk_metrics(j),
                attrs=dict(owner(own), name=dev, instance_id=iid))
            j += 1
        vnic = "tap" + uid("port", name)[:11]
        want["instance_network_interface/%s/%s" % (name, vnic)] = dict(
            type="instance_network_interface", id="instance-%08x-%s-%s" % (i + 1, iid, vnic), owner=own, index=i,
            metrics=interface_metrics(i), attrs=dict(owner(own), name=vnic, instance_id=iid))
    for v, (name, own, size, vtype, attached) in enumerate(VOLUMES):
        want["volume/" + name] = dict(
            type="volume", id=uid("volume", name), owner=own, index=v,
            metrics={"volume.size": gauge(lambda t, size=size: size)},
            attrs=dict(owner(own), display_name=name, volume_type=vtype, image_id=None,
                       instance_id=inst_ids[attached] if attached else None))
    end = measures_end()
    for v, (name, own, size, vtype, attached, started_h, ended_h) in enumerate(DELETED_VOLUMES, len(VOLUMES)):
        want["volume/" + name] = dict(
            type="volume", id=uid("volume", name), owner=own, index=v,
            metrics={"volume.size": gauge(lambda t, size=size: size)},
            attrs=dict(owner(own), display_name=name, volume_type=vtype, image_id=None,
                       instance_id=inst_ids[attached] if attached else None,
                       started_at=iso(end - started_h * 3600), ended_at=iso(end - ended_h * 3600)))
    for n, (host, own) in enumerate(COLLECTD):
        want["collectd/" + host] = dict(type="collectd", id=host, owner=own, index=n,
                                        metrics=collectd_metrics(n), attrs=dict(owner(own), host=host))
    return want


# ---------------------------------------------------------------- schema (Ceilometer's code)
def ceilometer_schema(admin_headers):
    """Resource types and archive policies exactly as Ceilometer (Zed) creates them, then the
    collectd type. Returns ({resource type: {metric: archive policy}} of Ceilometer's publisher
    definitions, archive policy names, resource type names)."""
    t = time.time()
    try:
        from keystoneauth1 import loading as ka_loading
        from oslo_config import cfg
        from ceilometer import gnocchi_client, keystone_client
        from ceilometer.publisher import gnocchi as publisher
    except ImportError as e:
        raise SystemExit("seed_cloud: cannot import Ceilometer (%s): install python3-ceilometer "
                         "(stack/install.sh)" % e)
    conf = cfg.ConfigOpts()
    keystone_client.register_keystoneauth_opts(conf)  # [service_credentials] + [gnocchi] auth_section
    conf.register_opts([cfg.IntOpt("max_parallel_requests", default=64)])  # read by get_gnocchiclient
    group = "service_credentials"
    conf.register_opts(ka_loading.get_auth_plugin_conf_options("password"), group=group)
    user, password, project, _ = S.USERS["admin"]
    for k, v in dict(auth_type="password", auth_url=S.KS + "/v3", username=user, password=password,
                     project_name=project, user_domain_id="default", project_domain_id="default",
                     region_name=S.REGION, interface="internal").items():  # internal = GN_URL
        conf.set_override(k, v, group=group)
    conf([], project="ceilometer", default_config_files=[], default_config_dirs=[])
    log("ceilometer imported and configured (%.2fs)" % (time.time() - t))

    definitions, policies = publisher.GnocchiPublisher._load_definitions(
        conf, None, os.path.join(os.path.dirname(publisher.__file__), "data", "gnocchi_resources.yaml"))
    try:
        gnocchi_client.upgrade_resource_types(conf)  # what `ceilometer-upgrade` does
        client = gnocchi_client.get_gnocchiclient(conf)
        # the publisher's own "create the archive policies once" step, on a bare publisher state
        publisher.GnocchiPublisher.ensures_archives_policies(types.SimpleNamespace(
            _gnocchi=client, archive_policies_definition=policies, _already_configured_archive_policies=False))
    except Exception as e:  # keystoneauth / gnocchiclient errors: say which step, no traceback
        raise SystemExit("seed_cloud: Ceilometer's schema step failed against %s (%s): %s"
                         % (S.GN, type(e).__name__, e))
    st, _, _ = S.http("GET", S.GN + "/v1/resource_type/collectd", headers=admin_headers, ok=(200, 404))
    if st == 404:
        S.http("POST", S.GN + "/v1/resource_type", {"name": "collectd", "attributes": COLLECTD_TYPE},
               headers=admin_headers, ok=(201, 409))
    log("ceilometer resource types + archive policies, collectd type ready")
    created = sorted(set(gnocchi_client.resources_initial) | {
        op["resource_type"] for op in gnocchi_client.resources_update_operations})
    return ({rd.cfg["resource_type"]: {m: d["archive_policy_name"] for m, d in rd.metrics.items()}
             for rd in definitions}, [p["name"] for p in policies], created + ["collectd"])


def metric_policies(ceilo, want):
    """{resource type: {seeded metric: archive policy}}: Ceilometer's for its types; for collectd
    ceilometer-low, or ceilometer-low-rate for counters."""
    out = {}
    for w in want.values():
        for m, (kind, _) in w["metrics"].items():
            if w["type"] == "collectd":
                p = "ceilometer-low-rate" if kind == "counter" else "ceilometer-low"
            elif m in ceilo.get(w["type"], {}):
                p = ceilo[w["type"]][m]
            else:
                raise SystemExit("seed_cloud: Ceilometer defines no metric %s for %s" % (m, w["type"]))
            out.setdefault(w["type"], {})[m] = p
    return out


# ---------------------------------------------------------------- resources and measures
def list_resources(A, rtypes):
    def one(rtype):
        return S.http("GET", "%s/v1/resource/%s?limit=1000" % (S.GN, rtype), headers=A)[2]
    found = {}
    for rs in S.pmap(one, sorted(rtypes)):
        for r in rs:
            found[(r["type"], r["original_resource_id"])] = r
    return found


def ensure_resources(A, want, policies):
    found = list_resources(A, {w["type"] for w in want.values()})
    missing = [k for k, w in want.items() if (w["type"], w["id"]) not in found]

    def create(key):
        w = want[key]
        # no null attributes: Gnocchi 4.4 answers 500 to a null datetime (Ceilometer leaves them out too)
        body = dict({k: v for k, v in w["attrs"].items() if v is not None}, id=w["id"])
        if "ended_at" in w["attrs"]:  # its metrics now: its life may not meet the measures' window
            body["metrics"] = {m: {"archive_policy_name": policies[w["type"]][m], "unit": unit_of(m)}
                               for m in w["metrics"]}
        st, _, b = S.http("POST", "%s/v1/resource/%s" % (S.GN, w["type"]), body, headers=A, ok=(201, 409))
        return key, st
    S.pmap(create, missing)
    log("%d resources created, %d already there" % (len(missing), len(want) - len(missing)))
    return missing


def set_lifetimes(want, found):
    """w["life"] = (started, ended) unix s of the resources that have an ended_at (Gnocchi's times: a
    resource seeded by an earlier run keeps its own), and their attributes set to them."""
    for w in want.values():
        r = found[(w["type"], w["id"])]
        if "ended_at" in w["attrs"] and r.get("ended_at"):
            w["life"] = (unix(r["started_at"]), unix(r["ended_at"]))
            w["attrs"].update(started_at=iso(w["life"][0]), ended_at=iso(w["life"][1]))


def post_measures(A, want, policies, prev, incremental):
    end = measures_end()
    start = end - SPAN
    prev_end = prev.get("end_unix")
    first = prev_end if (incremental and prev_end and start < prev_end <= end) else start
    ts = [] if (incremental and prev_end == end) else list(range(first, end + 1, STEP))
    stamps = [iso(t) for t in ts]
    batch = {}
    for w in want.values():
        body = {}
        lo, hi = w.get("life", (0, float("inf")))
        wts = [t for t in ts if lo <= t <= hi]  # a deleted resource: only during its life
        wstamps = [s for t, s in zip(ts, stamps) if lo <= t <= hi]
        for m, kf in w["metrics"].items():
            vals = series(kf, wts)
            if not vals:
                continue
            body[m] = {"archive_policy_name": policies[w["type"]][m],
                       "measures": [{"timestamp": s, "value": v} for s, v in zip(wstamps, vals)]}
            if w["type"] != "collectd":  # Ceilometer's samples have units, collectd-gnocchi's none
                body[m]["unit"] = unit_of(m)
        if body:
            batch[w["uuid"]] = body
    keys = sorted(batch)
    chunks = [c for c in ({k: batch[k] for k in keys[i::4]} for i in range(4)) if c]
    S.pmap(lambda c: S.http("POST", S.GN + "/v1/batch/resources/metrics/measures?create_metrics=true", c,
                            headers=A), chunks)
    log("posted %d points to %d metrics" % (sum(len(m["measures"]) for v in batch.values() for m in v.values()),
                                            sum(len(v) for v in batch.values())))

    return {"start": iso(start), "end": iso(end), "step_s": STEP, "points_per_metric": SPAN // STEP + 1,
            "start_unix": start, "end_unix": end, "last_posted_from": iso(first)}, bool(batch)


def unit_of(metric):
    if metric in UNITS:
        return UNITS[metric]
    if metric.endswith(".bytes"):
        return "B"
    if metric.endswith(".requests"):
        return "request"
    if metric.endswith(".packets"):
        return "packet"
    raise KeyError(metric)


def wait_processed(A, metric_ids, end_iso, timeout=90):
    deadline = time.time() + timeout
    # process now in the API workers (refresh=true) rather than at metricd's next pass;
    # 503 = sack locked by metricd, which is then on it
    S.pmap(lambda mid: S.http("GET", "%s/v1/metric/%s/measures?refresh=true&granularity=300&start=%s"
                              % (S.GN, mid, end_iso.replace("+00:00", "Z")), headers=A, ok=(200, 503), tries=1),
           metric_ids)
    log("refreshed %d metrics" % len(metric_ids))
    if not S.METRICD:
        return
    while True:
        left = S.http("GET", S.GN + "/v1/status?details=false", headers=A)[2]["storage"]["summary"]["measures"]
        if left == 0:
            log("all measures processed")
            return
        if time.time() > deadline:
            raise SystemExit("seed_cloud: %s measures still unprocessed after %ss (is gnocchi-metricd running?)"
                             % (left, timeout))
        time.sleep(0.25)


def describe(want, found, resource_types, policy_names, policies, measures):
    """The "cloud" key of seed.json."""
    cloud = {g: {} for g in GROUPS.values()}
    for key, w in want.items():
        r = found[(w["type"], w["id"])]
        name = key.split("/", 1)[1]
        attrs = {k: v for k, v in w["attrs"].items() if k not in ("project_id", "user_id")}
        cloud[GROUPS[w["type"]]][name] = dict(
            attrs, id=r["id"], original_resource_id=w["id"], type=w["type"], owner=w["owner"],
            project=S.USERS[w["owner"]][2], project_id=w["attrs"]["project_id"], index=w["index"],
            metrics={m: r["metrics"][m] for m in w["metrics"]})
    cloud.update(
        flavors={n: {"id": f[0], "vcpus": f[1], "ram_mb": f[2]} for n, f in FLAVORS.items()},
        images=IMAGES, archive_policies=policy_names, resource_types=resource_types,
        metric_archive_policies=policies,
        measures=measures, counters_start="2024-01-01T00:00:00Z",
        formulas={
            "t": "unix s; points every 300 s aligned on multiples of 300, from measures.start to measures.end",
            "h": "(t mod 86400) div 3600 (UTC hour)", "tri": "12 - |h - 12|",
            "counters": "cumulative from 0 at 2024-01-01T00:00:00Z, + d(s) at every 300-s step s <= t;"
                        " rate:mean at t = d(t)",
            "cpu": "d = vcpus*(10 + 5*i + 2*tri)*3e9 ns (i = instance index)",
            "vcpus": "flavor vcpus", "memory": "flavor RAM MB",
            "memory.usage": "RAM/4 + 64*tri + 16*i",
            "disk.device.read.requests": "d = 300*(5 + j + tri) (j = disk index)",
            "disk.device.write.requests": "d = 300*(2 + j)",
            "disk.device.read.bytes": "d = 4096 * read.requests d",
            "disk.device.write.bytes": "d = 8192 * write.requests d",
            "network.incoming.packets": "d = 300*(100*(k+1) + 10*tri) (k = interface index = instance index)",
            "network.outgoing.packets": "d = 300*(50*(k+1) + 5*tri)",
            "network.incoming.bytes": "d = 1000 * incoming.packets d",
            "network.outgoing.bytes": "d = 500 * outgoing.packets d",
            "volume.size": "constant GB (db-1-data 100, db-2-data 100, shared-archive 500, other-data 20)",
            "collectd": "host n: cpu-c@percent-user-0 = 10 + 10*c + 5*n + 2*tri; cpu-c@percent-system-0 = 5 + n;"
                        " cpu-c@percent-idle-0 = 100 - user - system; memory@memory-used-0 = (8 + 2*n)*2^30"
                        " + tri*2^28; memory@memory-free-0 = 2^36 - used; memory@percent-used-0 ="
                        " 100*used/2^36; load@load-0 = n + 1 + tri/4; load@load-1 = n + 1; load@load-2 ="
                        " n + 0.5; interface-eth0@if_octets-0 counter d = 300*(1e6*(n+1) + 1e5*tri),"
                        " -1 counter d = half of it",
        })
    return cloud


def write_cloud(cloud):
    """seed.json["cloud"] = cloud; re-read first: only that key is ours."""
    with open(S.SEED_FILE) as f:
        out = json.load(f)
    out["cloud"] = cloud
    tmp = S.SEED_FILE + ".cloud.tmp"
    with open(tmp, "w") as f:
        json.dump(out, f, indent=1, sort_keys=True)
    os.replace(tmp, S.SEED_FILE)


def load_seed():
    if not os.path.exists(S.SEED_FILE):
        raise SystemExit("seed_cloud: %s missing: run seed.py first" % S.SEED_FILE)
    with open(S.SEED_FILE) as f:
        out = json.load(f)
    if not out.get("users") or not out.get("projects"):
        raise SystemExit("seed_cloud: no users/projects in %s: run seed.py first" % S.SEED_FILE)
    return out


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else "all"
    if mode not in ("all", "recent"):
        raise SystemExit(__doc__)
    out = load_seed()
    prev = out.get("cloud") or {}
    if mode == "recent" and not prev.get("instances"):
        log("no cloud in seed.json: doing a full cloud seed")
        mode = "all"
    want = wanted(out)
    if mode == "recent" and any(key.split("/", 1)[1] not in prev.get(GROUPS[w["type"]], {}) for key, w in want.items()):
        log("seed.json lacks resources this seed defines (seeded by an older seed_cloud.py): full cloud seed")
        mode = "all"
    A = {"X-Auth-Token": S.password_auth("admin")[0]}
    rtypes = {w["type"] for w in want.values()}
    if mode == "all":
        ceilo, policy_names, types_ = ceilometer_schema(A)
        policies = metric_policies(ceilo, want)
        ensure_resources(A, want, policies)
        found = list_resources(A, rtypes)
        for w in want.values():
            w["uuid"] = found[(w["type"], w["id"])]["id"]
        set_lifetimes(want, found)
    else:  # ids and policies as the previous run recorded them
        policies, policy_names, types_ = prev["metric_archive_policies"], prev["archive_policies"], prev["resource_types"]
        found = {}
        for key, w in want.items():
            r = prev[GROUPS[w["type"]]][key.split("/", 1)[1]]
            w["uuid"] = r["id"]
            found[(w["type"], w["id"])] = {"id": r["id"], "metrics": r["metrics"], "started_at": r.get("started_at"),
                                           "ended_at": r.get("ended_at")}
    set_lifetimes(want, found)
    measures, posted = post_measures(A, want, policies, prev.get("measures", {}), incremental=(mode == "recent"))
    if mode == "all":
        found = list_resources(A, rtypes)  # with the metrics the batch created
    mids = [found[(w["type"], w["id"])]["metrics"][m] for w in want.values() for m in w["metrics"]] if posted else []
    wait_processed(A, mids, measures["end"])
    cloud = describe(want, found, types_, policy_names, policies, measures)
    cloud["seeded_at"] = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    write_cloud(cloud)
    n_metrics = sum(len(w["metrics"]) for w in want.values())
    print("seed_cloud %s ok in %.1fs: resources=%d metrics=%d measures %s..%s -> %s" % (
        mode, time.time() - S.T0, len(want), n_metrics, measures["start"], measures["end"], S.SEED_FILE))


if __name__ == "__main__":
    main()
