"""pkjwt in a folder whose file system has no O_TMPFILE: a FUSE passthrough mount (bindfs), as on
NFS, SMB, sshfs or WSL's /mnt/c. Secrets are staged there under the swept name `.NAME.pkjwt-new`
(Sources/PKJWTConfig/StagingFile.swift). Run by Tests/run-all.sh, which installs bindfs; skipped, with
the reason printed, where /dev/fuse or bindfs is missing or the mount is refused."""

import json
import os
import random
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "Interop"))
from helpers import PKJWT  # noqa: E402

STAGED = ".pkjwt-new"


@pytest.fixture(scope="module")
def mount():
    if not os.path.exists("/dev/fuse"):
        pytest.skip("no /dev/fuse on this machine: the FUSE mount test cannot run here")
    if shutil.which("bindfs") is None:
        pytest.skip("bindfs is not installed (Tests/run-all.sh installs it with apt)")
    base = tempfile.mkdtemp(prefix="pkjwt-fuse-")
    backing, mounted = os.path.join(base, "backing"), os.path.join(base, "mounted")
    os.mkdir(backing)
    os.mkdir(mounted)
    result = subprocess.run(["bindfs", backing, mounted], capture_output=True, text=True)
    if result.returncode != 0:
        shutil.rmtree(base)
        pytest.skip(f"bindfs could not mount here: {result.stderr.strip()}")
    try:
        # The point of the test: this file system refuses unnamed files (EOPNOTSUPP), as NFS does.
        with pytest.raises(OSError):
            os.close(os.open(mounted, os.O_WRONLY | 0o20000000 | os.O_DIRECTORY, 0o600))
        yield mounted
    finally:
        subprocess.run(["fusermount", "-u", mounted], check=False)
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="module")
def dev_server():
    # --exit-with-stdin: the server ends when this process does, even if pytest is killed.
    process = subprocess.Popen([PKJWT, "serve", "--port", "0", "--exit-with-stdin"], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        lines = dict(process.stdout.readline().strip().split("=", 1) for _ in range(2))
        yield lines["OKTA_URL"], lines["API_KEY"]
    finally:
        process.terminate()
        process.wait(timeout=10)


def run(folder, *args, check=True):
    env = {"PATH": os.environ["PATH"], "HOME": folder, "XDG_CACHE_HOME": os.path.join(folder, "cache")}
    result = subprocess.run([PKJWT, *args], capture_output=True, text=True, cwd=folder, env=env, timeout=120)
    if check:
        assert result.returncode == 0, f"pkjwt {' '.join(args)}: {result.stderr}"
    return result


def mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


def every_file(folder):
    for root, _, names in os.walk(folder):
        for name in names:
            yield os.path.join(root, name)


def test_the_whole_flow_on_the_mount(mount, dev_server):
    url, api_key = dev_server
    folder = os.path.join(mount, "flow")
    os.mkdir(folder)
    with open(os.path.join(folder, ".env"), "w") as env:
        env.write(f"OKTA_URL={url}\nAPI_KEY={api_key}\nSCOPES=okta.users.read\n")
    run(folder, "keygen")
    run(folder, "register")
    first = json.loads(run(folder, "token", "--json").stdout)
    second = run(folder, "token", "--json")
    assert "cannot be used" not in second.stderr, second.stderr
    assert not first["from_cache"] and json.loads(second.stdout)["from_cache"], "the second token came from the cache"
    cached = [p for p in every_file(os.path.join(folder, "cache")) if os.path.basename(p).startswith("token-")
              and p.endswith(".json")]
    assert len(cached) == 1 and mode(cached[0]) == 0o600
    run(folder, "rotate")
    run(folder, "rotate", "--finish")
    run(folder, "export", "okta-yaml", "--out", os.path.join(folder, "okta.yaml"))
    # The rotated key, read from the .env that rotate rewrote on the mount, gets a token.
    assert run(folder, "token", "--no-cache").stdout.strip()
    keys = [p for p in every_file(folder) if p.endswith(".pem")]
    assert len(keys) == 1, keys  # rotate --finish removed the old key
    for path in keys + [os.path.join(folder, ".env"), os.path.join(folder, "okta.yaml")]:
        assert mode(path) == 0o600, path
    assert not [p for p in every_file(folder) if p.endswith(STAGED)], "no staging file left"


def test_dotenv_rewrite_on_the_mount(mount, dev_server):
    url, api_key = dev_server
    folder = os.path.join(mount, "dotenv")
    os.mkdir(folder)
    original = f"# kept\nOKTA_URL={url}\nAPI_KEY={api_key}\nSCOPES=okta.users.read\nOTHER='x y'\n"
    with open(os.path.join(folder, ".env"), "w") as env:
        env.write(original)
    run(folder, "keygen")
    text = open(os.path.join(folder, ".env")).read()
    assert text.startswith(original) and "KEY_ID=" in text, "every earlier byte kept, the key recorded"
    assert mode(os.path.join(folder, ".env")) == 0o600


def test_kill_loop_during_keygen_leaves_no_secret_but_under_the_swept_name(mount):
    folder = os.path.join(mount, "kills")
    os.mkdir(folder)
    open(os.path.join(folder, ".env"), "w").write("SCOPES=okta.users.read\n")
    env = {"PATH": os.environ["PATH"], "HOME": folder, "XDG_CACHE_HOME": os.path.join(folder, "cache")}
    rng = random.Random(20)
    # A debug keygen takes about 0.3 s here; kills spread over that hit the .env staging file in about
    # one round in six (seen: 11 of 60), the key's more rarely.
    for round_ in range(40):
        process = subprocess.Popen([PKJWT, "keygen", "--force"], cwd=folder, env=env, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.02, 0.4))
        process.send_signal(signal.SIGKILL)
        process.wait()
        for path in every_file(folder):
            name = os.path.basename(path)
            if name in (".env", ".env.lock", "private_key.pem") or name.endswith(STAGED):
                continue
            pytest.fail(f"round {round_}: unexpected file {name}")
        assert open(os.path.join(folder, ".env")).read().startswith("SCOPES=okta.users.read\n"), \
            f"round {round_}: .env is whole"
        key = os.path.join(folder, "private_key.pem")
        if os.path.exists(key):
            assert mode(key) == 0o600
            text = open(key).read()
            assert text.startswith("-----BEGIN PRIVATE KEY-----") and text.endswith("-----END PRIVATE KEY-----\n"), \
                f"round {round_}: the key file is whole or absent"
    run(folder, "keygen", "--force")
    assert not [p for p in every_file(folder) if p.endswith(STAGED)], "the next run swept the staging files"
    assert mode(os.path.join(folder, "private_key.pem")) == 0o600
