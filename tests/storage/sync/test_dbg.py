import random, apsw
from tests.storage.sync.test_engine_random import _app, _operate
from tests.storage.sync.engine_support import *
T, K = "client", 1
def show(d, label):
    with d.engine() as e:
        m = list(e.main.execute(f"select * from {T} where id={K}"))
        b = list(e.main.execute(f"select * from base.{T} where id={K}"))
        print(label, d.device_id[0], "main", [x[:6] for x in m], "base", [x[:6] for x in b])
def test_dbg(tmp_path):
    rng = random.Random(3)
    a, b = two_devices(tmp_path)
    folder = Folder()
    logged = {a.device_id: set(), b.device_id: set()}
    for _ in range(12):
        device = rng.choice([a, b])
        with _app(device) as conn:
            for _ in range(rng.randint(5, 40)):
                _operate(conn, device, rng, logged[device.device_id])
        show(device, "after ops")
        if rng.random() < 0.7:
            r = sync(device, folder); show(device, f"after sync {r}")
    for _ in range(3):
        sync(a, folder); show(a, "settle"); sync(b, folder); show(b, "settle")
    for d in (a, b):
        with d.engine() as e:
            print(d.device_id[0], list(e.main.execute("select tbl, pk, kind, kept from sync_conflict where kind='restored_parent' or pk='[1]'")))
            print(d.device_id[0], "eng", list(e.main.execute("select id, client_id from engagement")))
            print(d.device_id[0], "tomb", list(e.main.execute("select tbl, pk from base.sync_tombstone where tbl='client'")))
    for dev, files in folder.files.items():
        for seq, meta, cs in files:
            print(dev[0], seq, [ (c.op, c.old and c.old[:5], c.new and c.new[:5]) for c in apsw.Changeset.iter(cs) if c.name==T and (c.old or c.new)[0]==K])
