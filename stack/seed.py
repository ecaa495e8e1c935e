#!/usr/bin/python3
"""Seed the real Keystone + Gnocchi stack. Standard library only. Idempotent: everything is
looked up before it is created, and measures are a deterministic function of absolute time,
so re-posting them gives the same stored values.

Usage: seed.py [all|keystone|gnocchi|recent]      (default: all)
  keystone  projects, users, roles, `metric` service + endpoints, application credential
  gnocchi   archive policy, resource types, resources + metrics, measures (last 26 h + fixed)
  all       keystone then gnocchi
  recent    re-post the last 26 h of measures for the metrics listed in seed.json (warm start)
Every mode waits until Gnocchi has processed the posted measures, then writes
$STACK_STATE/seed.json and prints a one-line summary.

Environment (see lib/env.sh): KS_URL, GN_URL, KS_PUBLIC_URL, GN_PUBLIC_URL, STACK_STATE,
STACK_METRICD, REGION and the *_USER/*_PASS/*_PROJECT credentials.

Measure formulas (t = unix time in seconds, points every 300 s, aligned on multiples of 300,
from floor(now/300)*300 - 26 h to floor(now/300)*300, i.e. 313 points per metric):
  cpu_util      (demo_instance, index i) = round(50 + 40*sin(2*pi*t/86400 + i), 3)
  memory.usage  (demo_instance, index i) = 1024*(i+1)            (constant)
  load          (demo_host compute-h)    = h + 0.5                (constant)
  i = 0..47 for vm-001..vm-048, 48..50 for other-vm-1..3.
  fixed (generic demo-fixed): values 1..10 at 2024-01-01T00:00:00Z .. 00:09:00Z (60 s apart).
"""
import concurrent.futures as cf
import datetime
import json
import math
import os
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

E = os.environ.get
KS = E("KS_URL", "http://127.0.0.1:5000").rstrip("/")
GN = E("GN_URL", "http://127.0.0.1:8041").rstrip("/")
KS_PUBLIC = E("KS_PUBLIC_URL", KS).rstrip("/")
GN_PUBLIC = E("GN_PUBLIC_URL", GN).rstrip("/")
STATE = E("STACK_STATE", "/tmp/gnocchi-ds-stack")
METRICD = E("STACK_METRICD", "1") == "1"
REGION = E("REGION", "RegionOne")
SEED_FILE = os.path.join(STATE, "seed.json")

USERS = {  # key: (user, password, project, role)
    "admin": (E("ADMIN_USER", "admin"), E("ADMIN_PASS", "admin-secret"), E("ADMIN_PROJECT", "admin"), "admin"),
    "grafana": (E("DEMO_USER", "grafana"), E("DEMO_PASS", "grafana-secret"), E("DEMO_PROJECT", "grafana-demo"), "member"),
    "other": (E("OTHER_USER", "other"), E("OTHER_PASS", "other-secret"), E("OTHER_PROJECT", "other-demo"), "member"),
    "gnocchi": (E("GNOCCHI_USER", "gnocchi"), E("GNOCCHI_PASS", "gnocchi-secret"), E("SERVICE_PROJECT", "service"), "admin"),
}
APPCRED = (E("APPCRED_NAME", "grafana-plugin"), E("APPCRED_SECRET", "appcred-secret"))
POLICY = "demo-policy"
STEP = 300
SPAN = 26 * 3600
N_VMS = 48
N_HOSTS = 4
KINDS = (("web", "m1.small", 1), ("db", "m1.large", 4), ("cache", "m1.medium", 2))
FIXED_TS = ["2024-01-01T00:%02d:00+00:00" % i for i in range(10)]

POOL = cf.ThreadPoolExecutor(max_workers=8)
T0 = time.time()


def log(msg):
    print("[seed %5.2fs] %s" % (time.time() - T0, msg), file=sys.stderr, flush=True)


def http(method, url, body=None, headers=None, ok=(200, 201, 202, 204), tries=4):
    data = None
    h = {"Accept": "application/json"}
    if body is not None:
        data = json.dumps(body, separators=(",", ":")).encode()
        h["Content-Type"] = "application/json"
    h.update(headers or {})
    t503 = time.time() + 30
    attempt = -1
    while True:
        attempt += 1
        req = urllib.request.Request(url, data=data, method=method, headers=h)
        try:
            with urllib.request.urlopen(req, timeout=120) as r:
                raw = r.read()
                return r.status, r.headers, (json.loads(raw) if raw else None)
        except urllib.error.HTTPError as e:
            raw = e.read()
            if e.code in ok:
                return e.code, e.headers, (json.loads(raw) if raw.strip().startswith(b"{") else raw)
            # keystonemiddleware: Keystone briefly unreachable, or its service user not created yet
            # (the Gnocchi policy/types step overlaps the Keystone seed): retry for up to 30 s
            if e.code == 503 and tries > 1 and time.time() < t503:
                time.sleep(0.5)
                continue
            raise SystemExit("seed: %s %s -> %s %s" % (method, url, e.code, raw[:600]))
        except (urllib.error.URLError, ConnectionError) as e:
            if attempt == tries - 1:
                raise SystemExit("seed: %s %s -> %s" % (method, url, e))
            time.sleep(0.5)


def pmap(fn, items):
    return list(POOL.map(fn, items))


# ---------------------------------------------------------------- Keystone
def password_auth(key):
    user, pw, project, _ = USERS[key]
    body = {"auth": {"identity": {"methods": ["password"], "password": {"user": {
        "name": user, "domain": {"id": "default"}, "password": pw}}},
        "scope": {"project": {"name": project, "domain": {"id": "default"}}}}}
    _, h, b = http("POST", KS + "/v3/auth/tokens", body)
    return h["X-Subject-Token"], b["token"]


def seed_keystone(out):
    atok, abody = password_auth("admin")
    H = {"X-Auth-Token": atok}
    roles = {r["name"]: r["id"] for r in http("GET", KS + "/v3/roles", headers=H)[2]["roles"]}

    projects = {p["name"]: p["id"] for p in http("GET", KS + "/v3/projects", headers=H)[2]["projects"]}
    want = [USERS[k][2] for k in ("gnocchi", "grafana", "other")]

    def mkproject(name):
        return name, http("POST", KS + "/v3/projects", {"project": {
            "name": name, "domain_id": "default", "description": "gnocchi-ds test stack"}},
            headers=H)[2]["project"]["id"]
    projects.update(pmap(mkproject, [n for n in want if n not in projects]))

    users = {u["name"]: u["id"] for u in http("GET", KS + "/v3/users", headers=H)[2]["users"]}

    def mkuser(key):
        name, pw, proj, _ = USERS[key]
        return name, http("POST", KS + "/v3/users", {"user": {
            "name": name, "password": pw, "domain_id": "default",
            "default_project_id": projects[proj]}}, headers=H)[2]["user"]["id"]
    users.update(pmap(mkuser, [k for k in ("gnocchi", "grafana", "other") if USERS[k][0] not in users]))

    def grant(key):
        name, _, proj, role = USERS[key]
        http("PUT", "%s/v3/projects/%s/users/%s/roles/%s" % (KS, projects[proj], users[name], roles[role]),
             headers=H)
    pmap(grant, ("gnocchi", "grafana", "other"))

    # `metric` service: public endpoint = what a browser uses, internal/admin = in-stack URL
    svcs = http("GET", KS + "/v3/services?type=metric", headers=H)[2]["services"]
    svc = next((s for s in svcs if s["name"] == "gnocchi"), None) or http(
        "POST", KS + "/v3/services", {"service": {
            "name": "gnocchi", "type": "metric", "description": "OpenStack Metric Service"}},
        headers=H)[2]["service"]
    eps = {e["interface"]: e for e in
           http("GET", KS + "/v3/endpoints?service_id=" + svc["id"], headers=H)[2]["endpoints"]}
    for iface, url in (("public", GN_PUBLIC), ("internal", GN), ("admin", GN)):
        e = eps.get(iface)
        if e is None:
            http("POST", KS + "/v3/endpoints", {"endpoint": {
                "service_id": svc["id"], "interface": iface, "url": url, "region_id": REGION}}, headers=H)
        elif e["url"] != url or e.get("region_id") != REGION:
            http("PATCH", KS + "/v3/endpoints/" + e["id"], {"endpoint": {"url": url, "region_id": REGION}},
                 headers=H)

    # application credential, created by grafana itself (scoped to grafana-demo)
    gtok, gbody = password_auth("grafana")
    uid = gbody["user"]["id"]
    name, secret = APPCRED
    acs = http("GET", "%s/v3/users/%s/application_credentials?name=%s" % (KS, uid, name),
               headers={"X-Auth-Token": gtok})[2]["application_credentials"]
    ac = acs[0] if acs else http("POST", "%s/v3/users/%s/application_credentials" % (KS, uid), {
        "application_credential": {"name": name, "secret": secret,
                                   "description": "gnocchi-ds grafana plugin tests"}},
        headers={"X-Auth-Token": gtok})[2]["application_credential"]

    projects[USERS["admin"][2]] = abody["project"]["id"]
    out["projects"] = {n: projects[n] for n in [USERS[k][2] for k in USERS]}
    out["users"] = {k: {"name": USERS[k][0], "password": USERS[k][1], "id": users.get(USERS[k][0], abody["user"]["id"] if k == "admin" else None),
                        "project": USERS[k][2], "project_id": projects[USERS[k][2]], "role": USERS[k][3]}
                    for k in USERS}
    out["roles"] = roles
    out["metric_service_id"] = svc["id"]
    out["application_credential"] = {"id": ac["id"], "name": name, "secret": secret,
                                     "user_id": uid, "project_id": ac.get("project_id")}
    log("keystone seeded")


# ---------------------------------------------------------------- Gnocchi
def gn_tokens(keys=("admin", "grafana", "other")):
    toks = dict(zip(keys, pmap(lambda k: password_auth(k)[0], keys)))
    return {k: {"X-Auth-Token": v} for k, v in toks.items()}


def vm_spec(n):  # n = 1..48
    kind, flavor, vcpus = KINDS[(n - 1) % 3]
    return {"display_name": "%s-%02d" % (kind, (n - 1) // 3 + 1), "host": "compute-%d" % ((n - 1) % N_HOSTS + 1),
            "flavor": flavor, "vcpus": vcpus}


def wanted_resources():
    """name -> (owner key, type, attributes, metric names, index)"""
    r = {}
    for n in range(1, N_VMS + 1):
        r["vm-%03d" % n] = ("grafana", "demo_instance", vm_spec(n), ["cpu_util", "memory.usage"], n - 1)
    for h in range(1, N_HOSTS + 1):
        r["compute-%d" % h] = ("grafana", "demo_host", {"name": "compute-%d" % h, "rack": "rack-%s" % "AB"[(h - 1) // 2]},
                               ["load"], h)
    r["demo-fixed"] = ("grafana", "generic", {}, ["fixed"], 0)
    for n in range(1, 4):
        r["other-vm-%d" % n] = ("other", "demo_instance", {"display_name": "other-%d" % n, "host": "compute-9",
                                                           "flavor": "m1.small", "vcpus": 1}, ["cpu_util"], N_VMS + n - 1)
    return r


def gn_policy_and_types(A):
    st, _, _ = http("GET", GN + "/v1/archive_policy/" + POLICY, headers=A, ok=(200, 404))
    if st == 404:
        http("POST", GN + "/v1/archive_policy", {
            "name": POLICY,
            # back_window 2 (x 1 day): re-posting the last 26 h at every start is accepted
            "back_window": 2,
            "aggregation_methods": ["mean", "min", "max", "sum", "count", "last"],
            "definition": [{"granularity": "60s", "timespan": "1 day"},
                           {"granularity": "3600s", "timespan": "30 days"},
                           {"granularity": "86400s", "timespan": "365 days"}]}, headers=A, ok=(201, 409))
    types = {
        "demo_instance": {"display_name": {"type": "string", "required": True, "max_length": 255},
                          "host": {"type": "string", "required": True, "max_length": 255},
                          "flavor": {"type": "string", "required": True, "max_length": 255},
                          "vcpus": {"type": "number", "required": False, "min": 0}},
        "demo_host": {"name": {"type": "string", "required": True, "max_length": 255},
                      "rack": {"type": "string", "required": False, "max_length": 255}},
    }
    have = {t["name"] for t in http("GET", GN + "/v1/resource_type", headers=A)[2]}
    for name, attrs in types.items():
        if name not in have:
            http("POST", GN + "/v1/resource_type", {"name": name, "attributes": attrs}, headers=A, ok=(201, 409))
    log("policy + types ready")


def seed_gnocchi(out, H):

    want = wanted_resources()
    existing = {}
    for who in ("grafana", "other"):
        for r in http("GET", GN + "/v1/resource/generic?limit=1000", headers=H[who])[2]:
            existing[r["original_resource_id"]] = r
    users, projects = out["users"], out["projects"]

    def create(name):
        owner, rtype, attrs, metrics, _ = want[name]
        body = dict(attrs, id=name, project_id=projects[USERS[owner][2]], user_id=users[owner]["id"],
                    metrics={m: {"archive_policy_name": POLICY} for m in metrics})
        st, _, b = http("POST", "%s/v1/resource/%s" % (GN, rtype), body, headers=H[owner], ok=(201, 409))
        if st == 409:
            b = http("GET", "%s/v1/resource/%s/%s" % (GN, rtype, urllib.parse.quote(name)), headers=H[owner])[2]
        return name, b
    missing = [n for n in want if n not in existing]
    existing.update(pmap(create, missing))
    log("%d resources created, %d already there" % (len(missing), len(want) - len(missing)))

    res = {}
    for name, (owner, rtype, attrs, metrics, idx) in want.items():
        b = existing[name]
        for m in metrics:  # resource there but metric missing (should not happen)
            if m not in b["metrics"]:
                mb = http("POST", "%s/v1/resource/%s/%s/metric" % (GN, rtype, b["id"]),
                          {m: {"archive_policy_name": POLICY}}, headers=H[owner])[2]
                b["metrics"] = {x["name"]: x["id"] for x in mb}
        res[name] = dict(attrs, id=b["id"], type=rtype, owner=owner, project=USERS[owner][2], index=idx,
                         metrics={m: b["metrics"][m] for m in metrics})
    out["resources"] = res
    out["archive_policy"] = POLICY
    out["fixed"] = {"resource": "demo-fixed", "resource_id": res["demo-fixed"]["id"],
                    "metric": "fixed", "metric_id": res["demo-fixed"]["metrics"]["fixed"],
                    "timestamps": FIXED_TS, "values": [float(i + 1) for i in range(10)],
                    "mean_3600_at_2024-01-01T00:00:00Z": 5.5}


def value(metric, idx, t):
    if metric == "cpu_util":
        return round(50 + 40 * math.sin(2 * math.pi * t / 86400 + idx), 3)
    if metric == "memory.usage":
        return float(1024 * (idx + 1))
    if metric == "load":
        return idx + 0.5
    raise KeyError(metric)


def post_measures(out, H, with_fixed, incremental):
    end = int(time.time()) // STEP * STEP
    start = end - SPAN
    prev_end = out.get("measures", {}).get("end_unix")
    if incremental and prev_end and start < prev_end <= end:
        # storage (e.g. a template) already holds the same deterministic points up to prev_end
        first = prev_end
    else:
        first = start
    # nothing new since the previous seed (same 5-minute slot): post nothing
    ts = [] if (incremental and prev_end == end) else list(range(first, end + 1, STEP))
    iso = {t: datetime.datetime.fromtimestamp(t, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S+00:00")
           for t in ts}
    batch, posted = {}, []
    for name, r in out["resources"].items():
        for m, mid in r["metrics"].items():
            if m == "fixed":
                if with_fixed:
                    batch.setdefault(r["id"], {})[m] = [{"timestamp": s, "value": float(i + 1)}
                                                       for i, s in enumerate(FIXED_TS)]
                    posted.append(mid)
                continue
            batch.setdefault(r["id"], {})[m] = [{"timestamp": iso[t], "value": value(m, r["index"], t)} for t in ts]
            posted.append(mid)
    # a few big requests, in parallel (both API workers)
    batch = {k: v for k, v in ((k, {m: p for m, p in v.items() if p}) for k, v in batch.items()) if v}
    posted = [mid for r in out["resources"].values() for m, mid in r["metrics"].items()
              if r["id"] in batch and m in batch[r["id"]]]
    keys = sorted(batch)
    chunks = [c for c in ({k: batch[k] for k in keys[i::4]} for i in range(4)) if c]
    pmap(lambda c: http("POST", GN + "/v1/batch/resources/metrics/measures", c, headers=H["admin"]), chunks)
    n_metrics = sum(len(v) for v in batch.values())
    log("posted %d points to %d metrics" % (sum(len(p) for v in batch.values() for p in v.values()), n_metrics))
    def fmt(t):
        return datetime.datetime.fromtimestamp(t, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S+00:00")
    out["measures"] = {"start": fmt(start), "end": fmt(end), "step_s": STEP, "points_per_metric": (end - start) // STEP + 1,
                       "start_unix": start, "end_unix": end, "last_posted_from": fmt(first)}
    return posted


def wait_processed(H, metric_ids, timeout=90):
    deadline = time.time() + timeout
    # Let the API workers process the new measures now (refresh=true) instead of waiting for
    # metricd's next pass (metric_processing_delay). 503 = sack locked by metricd: it is on it.
    pmap(lambda mid: http("GET", "%s/v1/metric/%s/measures?refresh=true&granularity=86400&start=%s"
                          % (GN, mid, "2000-01-01T00:00:00Z"), headers=H["admin"], ok=(200, 503), tries=1),
         metric_ids)
    log("refreshed %d metrics" % len(metric_ids))
    if not METRICD:
        return
    while True:
        s = http("GET", GN + "/v1/status?details=false", headers=H["admin"])[2]
        left = s["storage"]["summary"]["measures"]
        if left == 0:
            log("all measures processed")
            return
        if time.time() > deadline:
            raise SystemExit("seed: %s measures still unprocessed after %ss (is gnocchi-metricd running?)"
                             % (left, timeout))
        time.sleep(0.25)


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else "all"
    if mode not in ("all", "keystone", "gnocchi", "recent"):
        raise SystemExit(__doc__)
    out = {}
    if os.path.exists(SEED_FILE):
        with open(SEED_FILE) as f:
            out = json.load(f)
    if mode == "recent" and not out.get("resources"):
        log("no resources in seed.json: doing a full gnocchi seed")
        mode = "gnocchi"
    if mode in ("gnocchi",) and not out.get("users"):
        mode = "all"
    types = None
    if mode in ("gnocchi", "all"):  # needs only the bootstrap admin: overlap with the Keystone seed
        types = POOL.submit(lambda: gn_policy_and_types({"X-Auth-Token": password_auth("admin")[0]}))
    if mode in ("keystone", "all"):
        seed_keystone(out)
    if mode in ("gnocchi", "all", "recent"):
        H = gn_tokens(("admin",) if mode == "recent" else ("admin", "grafana", "other"))
        if mode != "recent":
            types.result()
            seed_gnocchi(out, H)
        mids = post_measures(out, H, with_fixed=(mode != "recent"), incremental=(mode == "recent"))
        wait_processed(H, mids)
    out["urls"] = {"keystone": KS_PUBLIC, "gnocchi": GN_PUBLIC, "keystone_internal": KS, "gnocchi_internal": GN}
    out["region"] = REGION
    out["formulas"] = {
        "t": "unix seconds; points every step_s=300 s aligned on multiples of 300, from measures.start to measures.end",
        "cpu_util": "round(50 + 40*sin(2*pi*t/86400 + index), 3)",
        "memory.usage": "1024*(index+1)",
        "load": "index + 0.5 (index = host number 1..4)",
        "index": "vm-NNN: NNN-1 (0..47); other-vm-N: 47+N (48..50); compute-H: H",
        "fixed": "values 1..10 at 2024-01-01T00:00:00Z..00:09:00Z; 60 s means 1..10, 3600 s mean 5.5",
    }
    out["seeded_at"] = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    os.makedirs(STATE, exist_ok=True)
    tmp = SEED_FILE + ".tmp"
    with open(tmp, "w") as f:
        json.dump(out, f, indent=1, sort_keys=True)
    os.replace(tmp, SEED_FILE)
    res = out.get("resources", {})
    print("seed %s ok in %.1fs: projects=%d resources=%d metrics=%d measures %s..%s appcred=%s -> %s" % (
        mode, time.time() - T0, len(out.get("projects", {})), len(res),
        sum(len(r["metrics"]) for r in res.values()), out.get("measures", {}).get("start"),
        out.get("measures", {}).get("end"), out.get("application_credential", {}).get("id"), SEED_FILE))


if __name__ == "__main__":
    main()
