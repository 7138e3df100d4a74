"""The Okta flow checked by code we did not write.

- The client assertions `pkjwt token` sends, captured by a Python token endpoint, verify under
  joserfc with Okta's claim rules.
- The dev server's verdicts (pkjwt serve) agree with joserfc plus those rules on a corpus of good
  and bad assertions.
- HTTPS_PROXY and NO_PROXY are honoured on the token call.
"""

import http.server
import json
import re
import socket
import subprocess
import threading
import time
import urllib.parse
import urllib.request

import pytest
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import RSAKey
from joserfc.jwt import JWTClaimsRegistry

from helpers import PKJWT, BASE_ENV, pkjwt

ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"


@pytest.fixture(scope="module")
def dev_server():
    # --exit-with-stdin: the server ends when this process does, even if pytest is killed.
    process = subprocess.Popen([PKJWT, "serve", "--port", "0", "--exit-with-stdin"], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=BASE_ENV)
    lines = dict(process.stdout.readline().strip().split("=", 1) for _ in range(2))
    yield lines["OKTA_URL"], lines["API_KEY"]
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def registered(dev_server, tmp_path_factory):
    """A service app registered in the dev server with a key made by pkjwt keygen."""
    url, token = dev_server
    folder = tmp_path_factory.mktemp("app")
    (folder / ".env").write_text(f"OKTA_URL={url}\nAPI_KEY={token}\nSCOPES=okta.users.read\n")
    public_jwk = json.loads(pkjwt("keygen", cwd=folder).stdout)
    pkjwt("register", cwd=folder)
    env = (folder / ".env").read_text()
    client_id = re.search(r"^CLIENT_ID=(\S+)$", env, re.M).group(1)
    private = RSAKey.import_key((folder / "private_key.pem").read_bytes())
    return {"folder": folder, "client_id": client_id, "kid": public_jwk["kid"], "public": RSAKey.import_key(public_jwk), "private": private, "url": url}


class Capture(http.server.BaseHTTPRequestHandler):
    """A token endpoint that records the form it receives and answers with a dummy token."""
    forms = []
    agents = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"])).decode()
        Capture.agents.append(self.headers.get("User-Agent"))
        Capture.forms.append((self.path, self.headers.get("Content-Type"), body))
        answer = json.dumps({"token_type": "Bearer", "access_token": "captured", "expires_in": 3600}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args):
        pass


def okta_rules(token, key, client_id, audience, used_jtis, kid, now=None):
    """joserfc signature and claim checks plus the rules Okta adds (docs/OKTA.md)."""
    now = int(time.time()) if now is None else now
    decoded = jwt.decode(token, key, algorithms=["RS256"])
    # The header kid, when present, must name the registered key (required once an app has several).
    if decoded.header.get("kid", kid) != kid:
        raise JoseError("kid is not a registered key")
    JWTClaimsRegistry(now=now, leeway=1, iss={"essential": True, "value": client_id}, sub={"essential": True, "value": client_id},
                      aud={"essential": True, "value": audience}, exp={"essential": True}).validate(decoded.claims)
    if decoded.claims["exp"] > now + 3600:
        raise JoseError("exp more than one hour ahead")
    if "jti" in decoded.claims:
        if decoded.claims["jti"] in used_jtis:
            raise JoseError("jti replayed")
        used_jtis.add(decoded.claims["jti"])
    return decoded


def test_python_dotenv_reads_what_pkjwt_wrote(registered):
    from dotenv import dotenv_values
    values = dotenv_values(registered["folder"] / ".env")
    assert values["CLIENT_ID"] == registered["client_id"] and values["KEY_ID"] == registered["kid"]
    assert values["PRIVATE_KEY_FILE"] == "private_key.pem"
    assert values["MODULUS"] == registered["public"].as_dict()["n"]
    assert values["PUBLIC_KEY"].startswith("ssh-rsa AAAAB3NzaC1yc2E") and values["PUBLIC_KEY"].endswith(" pkjwt")
    assert oct((registered["folder"] / ".env").stat().st_mode & 0o777) == "0o600"


def test_assertions_pkjwt_sends_verify_under_joserfc(registered):
    server = http.server.HTTPServer(("127.0.0.1", 0), Capture)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    capture_url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        env = {"OKTA_URL": capture_url, "CLIENT_ID": registered["client_id"], "PRIVATE_KEY_FILE": str(registered["folder"] / "private_key.pem"),
               "KEY_ID": registered["kid"], "SCOPES": "okta.users.read okta.users.manage"}
        # --no-cache: every call must send an assertion for joserfc to check.
        for _ in range(2):
            assert pkjwt("token", "--no-cache", env=env, cwd=registered["folder"].parent).stdout.strip() == "captured"
        assert pkjwt("token", "--no-cache", "--auth-server", "default", env=env, cwd=registered["folder"].parent).stdout.strip() == "captured"
    finally:
        server.shutdown()
    jtis = set()
    for path, content_type, body in Capture.forms:
        assert content_type == "application/x-www-form-urlencoded"
        assert "scope=okta.users.read%20okta.users.manage" in body
        form = dict(urllib.parse.parse_qsl(body, strict_parsing=True))
        assert form["grant_type"] == "client_credentials" and form["client_assertion_type"] == ASSERTION_TYPE
        decoded = okta_rules(form["client_assertion"], registered["public"], registered["client_id"], capture_url + path, jtis, registered["kid"])
        assert decoded.header == {"alg": "RS256", "kid": registered["kid"], "typ": "JWT"}
        assert decoded.claims["exp"] - decoded.claims["iat"] == 300
        assert len(decoded.claims["jti"]) >= 22
    assert [path for path, _, _ in Capture.forms] == ["/oauth2/v1/token", "/oauth2/v1/token", "/oauth2/default/v1/token"]
    assert len(jtis) == 3
    # Okta asks clients to name themselves and their version: the CLI's, not the library's default.
    version = pkjwt("--version").stdout.strip()
    assert Capture.agents == [f"pkjwt/{version}"] * 3


def corpus(reg, other_key):
    """(name, header, claims, signing key) for good and bad assertions."""
    now = int(time.time())
    cid, aud = reg["client_id"], reg["url"] + "/oauth2/v1/token"

    def claims(**changes):
        base = {"iss": cid, "sub": cid, "aud": aud, "iat": now, "exp": now + 300, "jti": f"jti-{time.time_ns()}"}
        base.update(changes)
        return {k: v for k, v in base.items() if v is not None}

    header = {"alg": "RS256", "kid": reg["kid"]}
    replayed = claims(jti="replayed-jti")
    return [
        ("good", header, claims(), reg["private"]),
        ("good without jti", header, claims(jti=None), reg["private"]),
        ("good without iat", header, claims(iat=None), reg["private"]),
        ("good without kid (single key)", {"alg": "RS256"}, claims(), reg["private"]),
        ("good, 59 minutes", header, claims(exp=now + 3540), reg["private"]),
        ("expired", header, claims(iat=now - 900, exp=now - 600), reg["private"]),
        ("exp two hours ahead", header, claims(exp=now + 7200), reg["private"]),
        ("no exp", header, claims(exp=None), reg["private"]),
        ("iat in the future", header, claims(iat=now + 600, exp=now + 900), reg["private"]),
        ("wrong aud", header, claims(aud=reg["url"] + "/oauth2/default/v1/token"), reg["private"]),
        ("aud with a trailing slash", header, claims(aud=aud + "/"), reg["private"]),
        ("aud with a double slash", header, claims(aud=reg["url"] + "//oauth2/v1/token"), reg["private"]),
        ("sub is not the client", header, claims(sub="someone-else"), reg["private"]),
        ("unknown kid", {"alg": "RS256", "kid": "not-registered"}, claims(), reg["private"]),
        ("signed by another key", header, claims(), other_key),
        ("replayed (first use)", header, replayed, reg["private"]),
        ("replayed (second use)", header, replayed, reg["private"]),
    ]


def test_dev_server_verdicts_agree_with_joserfc(registered):
    other_key = RSAKey.generate_key(2048)
    token_url = registered["url"] + "/oauth2/v1/token"
    used_by_python = set()
    verdicts = []
    for name, header, claims, key in corpus(registered, other_key):
        assertion = jwt.encode(header, claims, key, algorithms=["RS256"])
        try:
            okta_rules(assertion, registered["public"], registered["client_id"], token_url, used_by_python, registered["kid"])
            python_accepts = True
        except JoseError:
            python_accepts = False
        form = urllib.parse.urlencode({"grant_type": "client_credentials", "scope": "okta.users.read",
                                       "client_assertion_type": ASSERTION_TYPE, "client_assertion": assertion}).encode()
        request = urllib.request.Request(token_url, data=form, headers={"Content-Type": "application/x-www-form-urlencoded"})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                server_accepts = response.status == 200 and "access_token" in json.load(response)
        except urllib.error.HTTPError as error:
            assert error.code == 401 and json.load(error)["error"] == "invalid_client", name
            server_accepts = False
        verdicts.append((name, python_accepts, server_accepts))
    disagreements = [v for v in verdicts if v[1] != v[2]]
    assert not disagreements, disagreements
    assert [name for name, accepted, _ in verdicts if accepted] == [
        "good", "good without jti", "good without iat", "good without kid (single key)", "good, 59 minutes", "replayed (first use)"]


def test_https_proxy_and_no_proxy_are_honoured_on_the_token_call(registered, tmp_path):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    listener.settimeout(20)
    requests = []

    def proxy():
        try:
            while True:
                connection, _ = listener.accept()
                requests.append(connection.recv(4096).split(b"\r\n")[0].decode())
                connection.sendall(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")
                connection.close()
        except OSError:
            pass

    threading.Thread(target=proxy, daemon=True).start()
    env = {"OKTA_URL": "https://example.okta.com", "CLIENT_ID": "0oa1", "SCOPES": "okta.users.read",
           "PRIVATE_KEY_FILE": str(registered["folder"] / "private_key.pem")}
    proxied = pkjwt("token", "--timeout", "5", check=False, cwd=tmp_path, env={**env, "HTTPS_PROXY": f"http://127.0.0.1:{listener.getsockname()[1]}"})
    assert proxied.returncode == 1 and "cannot reach https://example.okta.com/oauth2/v1/token" in proxied.stderr
    assert requests == ["CONNECT example.okta.com:443 HTTP/1.1"]
    # The bypass goes direct, so it must aim at loopback: no test reaches beyond this machine.
    bypassed = pkjwt("token", "--timeout", "5", check=False, cwd=tmp_path,
                     env={**env, "OKTA_URL": "https://localhost:1", "HTTPS_PROXY": f"http://127.0.0.1:{listener.getsockname()[1]}",
                          "NO_PROXY": "localhost"})
    assert bypassed.returncode == 1 and "cannot reach https://localhost:1" in bypassed.stderr
    assert len(requests) == 1, "NO_PROXY host went through the proxy"
    listener.close()
