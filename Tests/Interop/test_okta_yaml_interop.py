"""okta.yaml written by pkjwt, read by the Okta Python SDK's own loader and validator, used against pkjwt serve."""

import json
import subprocess
import urllib.parse
import urllib.request

import okta.config.config_setter as okta_config
import pytest

from helpers import PKJWT, BASE_ENV, pkjwt


def sdk_config(home, monkeypatch):
    """The configuration the Okta Python SDK builds from ~/.okta/okta.yaml (and nothing else)."""
    monkeypatch.setenv("HOME", str(home))
    for name in [n for n in list(__import__("os").environ) if n.startswith("OKTA_")]:
        monkeypatch.delenv(name)
    import importlib
    import okta.constants
    importlib.reload(okta.constants)
    importlib.reload(okta_config)
    # As okta.client.Client does: build, then prune the empty defaults, then validate.
    setter = okta_config.ConfigSetter()
    return setter._prune_config(setter.get_config())


@pytest.fixture(scope="module")
def registered(tmp_path_factory):
    process = subprocess.Popen([PKJWT, "serve", "--port", "0", "--exit-with-stdin"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True, env=BASE_ENV)
    lines = dict(process.stdout.readline().strip().split("=", 1) for _ in range(2))
    folder = tmp_path_factory.mktemp("yaml")
    (folder / ".env").write_text(f"OKTA_URL={lines['OKTA_URL']}\nAPI_KEY={lines['API_KEY']}\nSCOPES='okta.users.read okta.apps.read'\n")
    pkjwt("keygen", cwd=folder)
    pkjwt("register", cwd=folder)
    yield folder, lines["OKTA_URL"]
    process.terminate()
    process.wait(timeout=10)


def test_the_sdk_loader_reads_what_pkjwt_wrote_and_its_assertion_is_accepted(registered, tmp_path, monkeypatch):
    folder, org = registered
    home = tmp_path / "home"
    home.mkdir()
    pkjwt("export", "okta-yaml", cwd=folder, env={"HOME": str(home)})
    assert oct((home / ".okta" / "okta.yaml").stat().st_mode & 0o777) == "0o600"
    client = sdk_config(home, monkeypatch)["client"]
    env = dict(line.split("=", 1) for line in (folder / ".env").read_text().splitlines() if "=" in line)
    assert client["orgUrl"] == org and client["authorizationMode"] == "PrivateKey"
    assert client["clientId"] == env["CLIENT_ID"] and client["kid"] == env["KEY_ID"]
    assert client["scopes"] == ["okta.users.read", "okta.apps.read"]
    assert client["privateKey"] == str(folder / "private_key.pem")
    # The SDK's own signer, with the key and kid it read, gets a token from the dev org.
    from okta.jwt import JWT
    assertion = JWT.create_token(client["orgUrl"], client["clientId"], client["privateKey"], client["kid"])
    form = urllib.parse.urlencode({"grant_type": "client_credentials", "scope": " ".join(client["scopes"]),
                                   "client_assertion_type": "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                                   "client_assertion": assertion}, quote_via=urllib.parse.quote).encode()
    request = urllib.request.Request(org + "/oauth2/v1/token", data=form, headers={"Content-Type": "application/x-www-form-urlencoded"})
    with urllib.request.urlopen(request, timeout=30) as answer:
        assert json.load(answer)["token_type"] == "Bearer"


def test_the_sdk_validator_accepts_it(registered, tmp_path, monkeypatch):
    folder, _ = registered
    home = tmp_path / "home"
    home.mkdir()
    # The validator insists on https: the same export for a real org URL.
    pkjwt("export", "okta-yaml", cwd=folder, env={"HOME": str(home), "OKTA_URL": "https://example.okta.com"})
    from okta.config.config_validator import ConfigValidator
    ConfigValidator(sdk_config(home, monkeypatch))


def test_pkjwt_reads_okta_yaml_as_its_lowest_layer(registered, tmp_path):
    folder, _ = registered
    home = tmp_path / "home"
    home.mkdir()
    pkjwt("export", "okta-yaml", cwd=folder, env={"HOME": str(home)})
    empty = tmp_path / "elsewhere"
    empty.mkdir()
    # No .env here: the org, client, scopes, key and kid all come from ~/.okta/okta.yaml.
    token = pkjwt("token", "--no-cache", cwd=empty, env={"HOME": str(home)}).stdout.strip()
    assert token.count(".") == 2
