"""A world written apart from the project's simulator (src/Orleans.Distill.Cli/Simulation), with families,
sizes and rates of its own, for checking detection on a scenario it was never tuned on. Standard library only;
the same seed gives the same files.

    python3 generate.py SEED OUTDIR [JITTER] [--organic SCALE]   ->  OUTDIR/events.ndjson, OUTDIR/labels.csv (account,label,campaign)

JITTER, if given, is the spread (the sigma of a lognormal factor) of every campaign account's requests from one
day to the next, in place of each campaign's own (0.03-0.1): a ring that varies its volume on purpose, as people
and teams do without trying (a company's developers here vary by 0.5). Without it the files are as before.

--organic SCALE (above 0, at most 1) writes that share of the organic accounts (fewer people, families, companies
and cafes, fewer students on each campus; the same ranges) and every campaign whole: a smaller world in which the
rings are as large, as fast and as quiet as in the full one, for the test suite. At 1, the default, the files are
as before.

Replay it as any simulated world: `Orleans.Distill.Cli evaluate --url URL --in OUTDIR --out RESULTS`.
"""
import argparse, json, random, os, datetime
args = argparse.ArgumentParser(description="Writes a labelled world of API events, written apart from the simulator.")
args.add_argument("seed", type=int, help="the same seed gives the same files")
args.add_argument("out", help="folder for events.ndjson and labels.csv")
args.add_argument("jitter", type=float, nargs="?", help="every campaign account's day-to-day spread (0-3)")
args.add_argument("--organic", type=float, default=1.0, help="share of each organic family written (0-1]")
a = args.parse_args()
seed, out, JITTER, ORGANIC = a.seed, a.out, a.jitter, a.organic
if JITTER is not None and not 0 <= JITTER <= 3:
    args.error(f"JITTER must be between 0 and 3, not {JITTER}")
if not 0 < ORGANIC <= 1:
    args.error(f"--organic must be above 0 and at most 1, not {ORGANIC}")
def organic(count): return max(1, round(count * ORGANIC))
def campaign(own): return own if JITTER is None else JITTER
R = random.Random(seed)
T0 = datetime.datetime(2026, 3, 1)
DAYS = 60
events = []; labels = []
def ts(t): return t.strftime('%Y-%m-%dT%H:%M:%SZ')
def at(day, hour=None):
    h = R.uniform(0, 24) if hour is None else hour
    return T0 + datetime.timedelta(days=day, hours=h)
n = 0
def enlist(prefix, kind, label=0):
    """A new account of a family, labelled 1 in a campaign."""
    global n; n += 1
    a = f"{prefix}{n:06d}"; labels.append((a, label, kind)); return a
def ip_in(r): return f"{r}.{R.randint(1, 254)}"
def rnd_range(first=(11, 223)): return f"{R.randint(*first)}.{R.randint(0,255)}.{R.randint(0,255)}"
residential = [rnd_range((60, 99)) for _ in range(3000)]
datacenter = [rnd_range((140, 170)) for _ in range(400)]
# Letters in every identifier: sixteen random hex digits are now and then all decimal, and a run of 13-19 digits
# that passes the Luhn check is refused as a card number.
ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
def opaque(prefix): return prefix + "".join(R.choice(ALPHABET) for _ in range(12)) + R.choice(ALPHABET[:23])
def tok(): return opaque("tok_")
def dev(): return opaque("dev_")
def signup(a, t, ip, device=None, card=None):
    events.append(dict(type="signup", account=a, at=ts(t), ip=ip, **({"device": device} if device else {})))
    if card:
        events.append(dict(type="payment", account=a, at=ts(t + datetime.timedelta(minutes=R.uniform(1, 120))), instrument=card))
CATS = ["coding", "agentic", "reasoning", "chat", "other"]
def traffic(a, start_day, days, per_day, mix, ips, device=None, templates=None, every=1.0, hours=(0, 24), jitter=1.0):
    for d in range(max(0, int(start_day)), min(DAYS, int(start_day) + days)):
        if R.random() > every: continue
        total = max(1, int(per_day * (R.lognormvariate(0, jitter) if jitter else 1)))
        cat = R.choices(CATS, weights=mix)[0]
        e = dict(type="usage", account=a, at=ts(at(d, R.uniform(*hours))), ip=ip_in(R.choice(ips)), requests=total, category=cat)
        if device: e["device"] = device
        if templates: e["template"] = R.choice(templates)
        events.append(e)
def person_mix():
    w = [R.random() for _ in CATS]; w[3] += 1.5; return w
# ---------- organic ----------
def individual(kind, rng_pool, second=None):
    a = enlist("p", kind)
    home = R.choice(rng_pool)
    sd = R.uniform(-200, DAYS - 1)
    signup(a, at(sd), ip_in(home), dev(), tok() if R.random() < 0.8 else None)
    active = R.random() < 0.7
    if active:
        ips = [home] + ([R.choice(second)] if second and R.random() < 0.3 else [])
        traffic(a, sd, DAYS, R.lognormvariate(3, 1), person_mix(), ips, every=R.uniform(0.1, 0.8))
for _ in range(organic(12000)): individual("individual", residential)
carrier = [rnd_range((100, 110)) for _ in range(10)]
for _ in range(organic(3000)): individual("mobile_carrier", carrier)
vpn = [rnd_range((185, 190)) for _ in range(5)]
for _ in range(organic(500)): individual("vpn_user", vpn, second=residential)
for _ in range(organic(800)):  # families
    home = R.choice(residential); card = tok(); shared_dev = dev() if R.random() < 0.4 else None
    for _ in range(R.randint(2, 5)):
        a = enlist("f", "family")
        sd = R.uniform(-300, DAYS - 1)
        signup(a, at(sd), ip_in(home), shared_dev or dev(), card if R.random() < 0.85 else tok())
        if R.random() < 0.7: traffic(a, sd, DAYS, R.lognormvariate(2.5, 1), person_mix(), [home], every=R.uniform(0.1, 0.6))
for _ in range(organic(60)):  # companies
    size = min(300, int(R.paretovariate(1.2) * 5))
    office = [rnd_range() for _ in range(R.randint(1, 2))]
    cards = [tok()] if R.random() < 0.5 else [tok() for _ in range(R.randint(2, 5))]
    wave = R.uniform(-60, DAYS - 5)
    tpl = [f"tpl_co_{R.getrandbits(32):08x}" for _ in range(R.randint(0, 3))]
    for _ in range(size):
        a = enlist("c", "company")
        sd = wave + R.uniform(0, 2) if R.random() < 0.4 else R.uniform(-200, DAYS - 1)
        signup(a, at(sd, R.uniform(8, 18)), ip_in(R.choice(office)), dev(), R.choice(cards))
        if R.random() < 0.8:
            traffic(a, sd, DAYS, R.uniform(100, 800), [4, 3, 2, 1, 0.5], office, templates=tpl or None, every=5/7, hours=(8, 19), jitter=0.5)
for _ in range(3):  # universities
    campus = [rnd_range() for _ in range(R.randint(4, 8))]
    term = R.uniform(0, 20)
    course = [f"tpl_course_{R.getrandbits(32):08x}" for _ in range(4)]
    for _ in range(organic(R.randint(800, 2500))):
        a = enlist("s", "student")
        sd = term + R.uniform(0, 5) if R.random() < 0.6 else R.uniform(-300, DAYS - 1)
        signup(a, at(sd), ip_in(R.choice(campus)), dev(), tok() if R.random() < 0.5 else None)
        if R.random() < 0.75:
            traffic(a, sd, DAYS, R.lognormvariate(3.5, 0.7), [5, 1, 2, 2, 1], campus + [R.choice(residential)], templates=course if R.random() < 0.5 else None, every=R.uniform(0.2, 0.7))
for _ in range(organic(20)):  # internet cafes
    place = rnd_range(); machines = [dev() for _ in range(R.randint(4, 12))]
    for _ in range(R.randint(10, 40)):
        a = enlist("i", "cafe")
        sd = R.uniform(-100, DAYS - 1)
        signup(a, at(sd), ip_in(place), R.choice(machines), tok() if R.random() < 0.4 else None)
        if R.random() < 0.5: traffic(a, sd, 20, R.lognormvariate(2, 1), person_mix(), [place], device=R.choice(machines), every=0.2)
# ---------- campaigns ----------
CAP = [4, 3, 3, 0.3, 0.2]
start = R.uniform(5, 20)
cards = [tok() for _ in range(8)]; dcs = R.sample(datacenter, 4); tpls = [f"tpl_x_{i}_{seed}" for i in range(3)]
for i in range(300):  # A: distillation farm
    a = enlist("q", "farm", 1); sd = start + R.uniform(0, 3)
    signup(a, at(sd), ip_in(R.choice(dcs)), dev(), cards[i % 8])
    traffic(a, sd, DAYS, R.uniform(950, 1000), CAP, dcs, templates=tpls, jitter=campaign(0.03))
start = R.uniform(5, 30); devs = [dev() for _ in range(10)]; tpls = [f"tpl_y_{i}_{seed}" for i in range(5)]
for i in range(250):  # B: residential proxies overlapping households
    a = enlist("q", "resi_proxy", 1); sd = start + R.uniform(0, 10)
    signup(a, at(sd), ip_in(R.choice(residential)), devs[i % 10], tok())
    traffic(a, sd, DAYS, R.uniform(700, 900), CAP, R.sample(residential, 5), device=devs[i % 10], templates=tpls, jitter=campaign(0.05))
cards = [tok() for _ in range(6)]; dcs = R.sample(datacenter, 2)
for i in range(120):  # C: slow drip
    a = enlist("q", "drip", 1); sd = i * DAYS / 120
    signup(a, at(sd), ip_in(R.choice(dcs)), dev(), cards[i % 6])
    traffic(a, sd, DAYS, 600, CAP, dcs, jitter=campaign(0.05))
cards = [tok() for _ in range(5)]; dcs = R.sample(datacenter, 3); wake = R.uniform(15, 30)
for i in range(150):  # D: bought aged accounts, woken together
    a = enlist("q", "aged", 1); sd = R.uniform(-365, -180)
    signup(a, at(sd), ip_in(R.choice(residential)), dev(), None)
    events.append(dict(type="payment", account=a, at=ts(at(wake, 10) + datetime.timedelta(minutes=R.uniform(0, 120))), instrument=cards[i % 5]))
    traffic(a, wake, DAYS, R.uniform(800, 950), CAP, dcs, jitter=campaign(0.05))
for c in range(60):  # E: cells of three on one device and card
    d = dev(); card = tok(); sd0 = R.uniform(0, DAYS - 10)
    for _ in range(3):
        a = enlist("q", "cell", 1); sd = sd0 + R.uniform(0, 1 / 24)
        signup(a, at(sd), ip_in(R.choice(residential)), d, card)
        traffic(a, sd, DAYS, R.uniform(400, 500), CAP, [R.choice(residential)], device=d, jitter=campaign(0.1))
events.sort(key=lambda e: e["at"])
os.makedirs(out, exist_ok=True)
with open(os.path.join(out, "events.ndjson"), "w") as f:
    for i, e in enumerate(events):
        e["id"] = f"x{seed}-{i}"; f.write(json.dumps(e) + "\n")
with open(os.path.join(out, "labels.csv"), "w") as f:
    f.write("account,label,campaign\n")
    for a, l, k in labels: f.write(f"{a},{l},{k}\n")
print(len(events), "events", len(labels), "accounts", sum(l for _, l, _ in labels), "in campaigns")
