"""Independent verifiers for what pkjwt emits: the openssl CLI, Python cryptography and PyJWT.

Run by Tests/run-all.sh after `swift build`; PKJWT points at the built binary.
At least 20 keys are generated in the run, in each of the PKCS#8 and PKCS#1 forms.
"""

import base64
import hashlib
import json
import subprocess
import time

import jwt
import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from helpers import pkjwt

KEYS_PER_FORM = 20


def b64url_decode(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def b64url_uint(value):
    return base64.urlsafe_b64encode(value.to_bytes((value.bit_length() + 7) // 8, "big")).rstrip(b"=").decode()


@pytest.fixture(scope="module")
def keys(tmp_path_factory):
    """KEYS_PER_FORM keys in each form, made by `pkjwt keygen`, with the JWK it printed."""
    folder = tmp_path_factory.mktemp("keys")
    made = []
    for form in ("pkcs8", "pkcs1"):
        for i in range(KEYS_PER_FORM):
            path = folder / f"{form}-{i}.pem"
            out = pkjwt("keygen", "--out", str(path), "--format", form, "--json").stdout
            made.append((form, path, json.loads(out)))
    return made


def test_key_count(keys):
    assert sum(1 for form, _, _ in keys if form == "pkcs8") >= 20
    assert sum(1 for form, _, _ in keys if form == "pkcs1") >= 20


def test_openssl_pkey_check_accepts_every_key(keys):
    for form, path, _ in keys:
        result = subprocess.run(["openssl", "pkey", "-check", "-noout", "-in", str(path)], capture_output=True, text=True)
        assert result.returncode == 0, f"{path}: {result.stderr}"
        assert "valid" in (result.stdout + result.stderr).lower()
        header = path.read_text().splitlines()[0]
        assert header == ("-----BEGIN PRIVATE KEY-----" if form == "pkcs8" else "-----BEGIN RSA PRIVATE KEY-----")
        assert oct(path.stat().st_mode & 0o777) == "0o600"


def test_cryptography_loads_keys_and_agrees_on_jwk_and_thumbprint(keys):
    for _, path, report in keys:
        private = serialization.load_pem_private_key(path.read_bytes(), password=None)
        numbers = private.public_key().public_numbers()
        assert numbers.e == 65537 and private.key_size == 2048
        jwk = report["jwk"]
        assert jwk["n"] == b64url_uint(numbers.n) and jwk["e"] == "AQAB"
        # RFC 7638 thumbprint computed here, independently.
        canonical = json.dumps({"e": jwk["e"], "kty": "RSA", "n": jwk["n"]}, separators=(",", ":"), sort_keys=True)
        thumbprint = base64.urlsafe_b64encode(hashlib.sha256(canonical.encode()).digest()).rstrip(b"=").decode()
        assert report["kid"] == thumbprint == jwk["kid"]
        # FIPS 186-5 properties, checked with Python integers.
        p, q = private.private_numbers().p, private.private_numbers().q
        assert p.bit_length() == q.bit_length() == 1024
        assert abs(p - q) > 2 ** (1024 - 100)
        assert private.private_numbers().d > 2 ** 1024


def test_openssl_dgst_and_cryptography_verify_our_signatures(keys, tmp_path):
    claims = json.dumps({"iss": "interop", "sub": "pkjwt", "exp": int(time.time()) + 600})
    for _, path, _ in keys:
        token = pkjwt("sign", "--key", str(path), claims).stdout.strip()
        header_b64, payload_b64, signature_b64 = token.split(".")
        signing_input = f"{header_b64}.{payload_b64}".encode()
        signature = b64url_decode(signature_b64)
        (tmp_path / "input").write_bytes(signing_input)
        (tmp_path / "sig").write_bytes(signature)
        result = subprocess.run(["openssl", "dgst", "-sha256", "-verify", "/dev/stdin", "-signature", str(tmp_path / "sig"), str(tmp_path / "input")],
                                input=subprocess.run(["openssl", "pkey", "-pubout", "-in", str(path)], capture_output=True).stdout,
                                capture_output=True)
        assert result.returncode == 0 and b"Verified OK" in result.stdout, result.stderr
        private = serialization.load_pem_private_key(path.read_bytes(), password=None)
        private.public_key().verify(signature, signing_input, padding.PKCS1v15(), hashes.SHA256())
        # PKCS#1 v1.5 is deterministic: cryptography's own signature is the same bytes.
        assert private.sign(signing_input, padding.PKCS1v15(), hashes.SHA256()) == signature


def test_pyjwt_verifies_our_rs256_jwts(keys):
    for _, path, report in keys:
        claims = {"iss": "interop", "aud": "https://example.okta.com/oauth2/v1/token", "exp": int(time.time()) + 300}
        token = pkjwt("sign", "--key", str(path), json.dumps(claims)).stdout.strip()
        public = jwt.algorithms.RSAAlgorithm.from_jwk(json.dumps(report["jwk"]))
        decoded = jwt.decode(token, public, algorithms=["RS256"], audience=claims["aud"])
        assert decoded == claims
        assert jwt.get_unverified_header(token) == {"alg": "RS256", "kid": report["kid"], "typ": "JWT"}


def test_pkjwt_verifies_pyjwt_tokens_and_refuses_alg_confusion(keys, tmp_path):
    _, path, report = keys[0]
    private = serialization.load_pem_private_key(path.read_bytes(), password=None)
    good = jwt.encode({"sub": "from-pyjwt"}, private, algorithm="RS256", headers={"kid": report["kid"]})
    result = pkjwt("verify", "--key", str(path), good)
    assert json.loads(result.stdout)["claims"] == {"sub": "from-pyjwt"}
    # HS256 keyed with the public key's PEM: the classic confusion attack must fail.
    public_pem = private.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    (tmp_path / "public.pem").write_bytes(public_pem)
    forged = jwt.api_jws.PyJWS(algorithms=["HS256"]).encode(b'{"sub":"attacker"}', public_pem[:32], algorithm="HS256")
    refused = pkjwt("verify", "--key", str(tmp_path / "public.pem"), forged, check=False)
    assert refused.returncode == 1 and "RS256" in refused.stderr
    none_token = jwt.encode({"sub": "attacker"}, None, algorithm="none")
    assert pkjwt("verify", "--key", str(tmp_path / "public.pem"), none_token, check=False).returncode == 1


def test_pkjwt_reads_keys_cryptography_wrote(tmp_path):
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    expected = b64url_uint(private.public_key().public_numbers().n)
    forms = {
        "traditional.pem": private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL, serialization.NoEncryption()),
        "pkcs8.der": private.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()),
        "spki.pem": private.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo),
        "id_rsa.pub": private.public_key().public_bytes(serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH),
    }
    for name, data in forms.items():
        (tmp_path / name).write_bytes(data)
        report = json.loads(pkjwt("inspect", "--json", str(tmp_path / name)).stdout)
        assert report["keys"][0]["jwk"]["n"] == expected, name
