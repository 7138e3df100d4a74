"""Running the built pkjwt binary from the Python interop tests."""

import os
import subprocess
import tempfile

PKJWT = os.environ.get("PKJWT", os.path.join(os.path.dirname(__file__), "..", "..", ".build", "debug", "pkjwt"))
# The child sees only these variables (and what a test adds): no OKTA_* or proxy from the caller.
BASE_ENV = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "TMPDIR")}
# pkjwt's token cache goes to a folder of this run's own, never the user's.
BASE_ENV["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="pkjwt-interop-cache-")


def pkjwt(*args, stdin=None, check=True, cwd=None, env=None):
    result = subprocess.run([PKJWT, *args], input=stdin, capture_output=True, text=True, cwd=cwd,
                            env={**BASE_ENV, **(env or {})}, timeout=120)
    if check and result.returncode != 0:
        raise AssertionError(f"pkjwt {' '.join(args)} exited {result.returncode}: {result.stderr}")
    return result
