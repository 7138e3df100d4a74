"""pkjwt's DPoP proofs under an independent check: joserfc for the JWS, RFC 9449 section 4.3 for the rest."""

import base64
import hashlib
import http.server
import json
import threading
import time

import pytest
from joserfc import jws, jwt
from joserfc.errors import JoseError
from joserfc.jwk import ECKey, RSAKey
from joserfc.jws import JWSRegistry

from helpers import pkjwt

KEY = RSAKey.generate_key(2048)


class ProofRegistry(JWSRegistry):
    """A DPoP proof's header carries the whole public key: an RSA-2048 jwk outgrows joserfc's 512-byte default."""
    max_header_length = 2048


class DPoPServer(http.server.BaseHTTPRequestHandler):
    """A token endpoint that asks for a nonce first (as Okta does), then issues a DPoP token."""
    proofs = []

    def do_POST(self):
        self.rfile.read(int(self.headers["Content-Length"]))
        proof = self.headers.get("DPoP")
        DPoPServer.proofs.append((self.path, proof))
        claims = json.loads(base64.urlsafe_b64decode(proof.split(".")[1] + "==")) if proof else {}
        if claims.get("nonce") != "server-nonce-1":
            self.answer(400, {"error": "use_dpop_nonce", "error_description": "Authorization server requires nonce in DPoP proof."},
                        {"DPoP-Nonce": "server-nonce-1"})
        else:
            self.answer(200, {"token_type": "DPoP", "access_token": "dpop-token-xyz", "expires_in": 3600})

    def answer(self, status, body, headers=None):
        data = json.dumps(body).encode()
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


def b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def import_jwk(jwk):
    """The proof's public key, by its kty: EC (P-256, pkjwt's default) or RSA (DPOP_KEY_TYPE=RSA)."""
    return ECKey.import_key(jwk) if jwk.get("kty") == "EC" else RSAKey.import_key(jwk)


def check_proof(proof, method, url, nonce=None, access_token=None, seen=None, now=None):
    """RFC 9449 section 4.3, steps 2-12, with joserfc verifying the signature under the header's own jwk."""
    now = int(time.time()) if now is None else now
    header = json.loads(base64.urlsafe_b64decode(proof.split(".")[0] + "=="))
    if header.get("typ") != "dpop+jwt":
        raise JoseError("typ")
    if header.get("alg") not in ("RS256", "RS384", "RS512", "PS256", "ES256"):
        raise JoseError("alg")
    jwk = header.get("jwk") or {}
    if any(member in jwk for member in ("d", "p", "q", "dp", "dq", "qi")):
        raise JoseError("private key in jwk")
    key = import_jwk(jwk)
    decoded = jwt.decode(proof, key, algorithms=[header["alg"]], registry=ProofRegistry(algorithms=[header["alg"]]))
    claims = decoded.claims
    for name in ("jti", "htm", "htu", "iat"):
        if name not in claims:
            raise JoseError(f"missing {name}")
    if claims["htm"] != method:
        raise JoseError("htm")
    if claims["htu"] != url.split("?")[0].split("#")[0]:
        raise JoseError("htu")
    if nonce is not None and claims.get("nonce") != nonce:
        raise JoseError("nonce")
    if abs(claims["iat"] - now) > 60:
        raise JoseError("iat")
    if access_token is not None and claims.get("ath") != b64(hashlib.sha256(access_token.encode()).digest()):
        raise JoseError("ath")
    if seen is not None:
        if claims["jti"] in seen:
            raise JoseError("jti replayed")
        seen.add(claims["jti"])
    return header, claims


@pytest.fixture(scope="module", params=["EC", "RSA"])
def dpop_run(tmp_path_factory, request):
    """pkjwt token --dpop against the nonce-asking endpoint, then pkjwt proof for a resource call, with
    the DPoP key pkjwt makes by default (P-256) and with DPOP_KEY_TYPE=RSA."""
    DPoPServer.proofs = []
    folder = tmp_path_factory.mktemp("dpop")
    (folder / "key.pem").write_bytes(KEY.as_pem(private=True))
    server = http.server.HTTPServer(("127.0.0.1", 0), DPoPServer)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    env = {"OKTA_URL": url, "CLIENT_ID": "0oa-interop", "PRIVATE_KEY_FILE": str(folder / "key.pem"), "SCOPES": "okta.users.read",
           "XDG_CACHE_HOME": str(folder / "cache"), "DPOP_KEY_TYPE": request.param}
    try:
        token = json.loads(pkjwt("token", "--json", "--dpop", env=env, cwd=folder).stdout)
        headers = pkjwt("proof", "GET", url + "/api/v1/users?limit=2", env=env, cwd=folder).stdout.splitlines()
    finally:
        server.shutdown()
    return {"url": url, "token": token, "proofs": list(DPoPServer.proofs), "resource": headers, "folder": folder,
            "kty": request.param}


def test_token_endpoint_proofs_pass_rfc9449_checks(dpop_run):
    url = dpop_run["url"]
    assert dpop_run["token"]["token_type"] == "DPoP"
    (path1, first), (path2, second) = dpop_run["proofs"]
    seen = set()
    header, claims = check_proof(first, "POST", url + path1, seen=seen)
    members = {"kty", "crv", "x", "y"} if dpop_run["kty"] == "EC" else {"kty", "n", "e"}
    assert "nonce" not in claims and set(header) == {"alg", "typ", "jwk"} and set(header["jwk"]) == members
    assert header["alg"] == ("ES256" if dpop_run["kty"] == "EC" else "RS256") and header["jwk"]["kty"] == dpop_run["kty"]
    _, claims = check_proof(second, "POST", url + path2, nonce="server-nonce-1", seen=seen)
    assert len(base64.urlsafe_b64decode(claims["jti"] + "==")) == 16
    # A separate key: the DPoP jwk is not the client-assertion key.
    assert header["jwk"].get("n") != KEY.as_dict()["n"]
    # The thumbprint pkjwt reports is the RFC 7638 thumbprint joserfc computes for the proof key.
    assert dpop_run["token"]["dpop_jkt"] == import_jwk(header["jwk"]).thumbprint()


def test_resource_proof_carries_ath(dpop_run):
    authorization, dpop = dpop_run["resource"]
    assert authorization == "Authorization: DPoP dpop-token-xyz"
    check_proof(dpop.split(": ", 1)[1], "GET", dpop_run["url"] + "/api/v1/users", access_token="dpop-token-xyz")


def tampered(proof, edit_header=None, edit_claims=None, sign_with=None):
    """The proof with its header or claims edited; re-signed with `sign_with`, else with the old signature."""
    header_b64, claims_b64, signature = proof.split(".")
    header = json.loads(base64.urlsafe_b64decode(header_b64 + "=="))
    claims = json.loads(base64.urlsafe_b64decode(claims_b64 + "=="))
    (edit_header or (lambda h: None))(header)
    (edit_claims or (lambda c: None))(claims)
    if sign_with is not None:
        return jws.serialize_compact(header, json.dumps(claims).encode(), sign_with)
    return ".".join([b64(json.dumps(header).encode()), b64(json.dumps(claims).encode()), signature])


def another_key(proof):
    """A new key of the proof key's kind, to sign a proof its jwk does not verify."""
    header = json.loads(base64.urlsafe_b64decode(proof.split(".")[0] + "=="))
    return ECKey.generate_key("P-256") if header["jwk"]["kty"] == "EC" else RSAKey.generate_key(2048)


@pytest.mark.parametrize("name,make,method,kwargs", [
    ("claims changed, old signature", lambda p: tampered(p, edit_claims=lambda c: c.update(htm="GET")), "GET", {}),
    ("htu changed, old signature", lambda p: tampered(p, edit_claims=lambda c: c.update(htu="https://evil.example/x")), "POST", {}),
    ("signed by another key than its jwk", lambda p: tampered(p, edit_claims=lambda c: c.update(jti="x"), sign_with=another_key(p)), "POST", {}),
    ("typ removed", lambda p: tampered(p, edit_header=lambda h: h.pop("typ")), "POST", {}),
    ("wrong method", lambda p: p, "PUT", {}),
    ("stale nonce", lambda p: p, "POST", {"nonce": "other"}),
])
def test_tampered_proofs_are_rejected(dpop_run, name, make, method, kwargs):
    path, proof = dpop_run["proofs"][1]
    check_proof(proof, "POST", dpop_run["url"] + path, nonce="server-nonce-1")
    with pytest.raises((JoseError, ValueError, KeyError)):
        check_proof(make(proof), method, dpop_run["url"] + path, **kwargs)
