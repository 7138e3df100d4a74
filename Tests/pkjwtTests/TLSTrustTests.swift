// The whole flow over HTTPS against `pkjwt serve --tls-cert/--tls-key`, with a test CA made here by
// openssl: trusted through --cacert, SSL_CERT_FILE or SSL_CERT_DIR, and refused in plain words without.

import Foundation
import Testing

@Suite("TLS trust: --cacert, SSL_CERT_FILE and SSL_CERT_DIR", .serialized)
struct TLSTrustTests {
    /// A CA and a server certificate for 127.0.0.1 and localhost, signed by it.
    static func makeTestCA(in s: Scratch) throws {
        let script = """
            set -e
            openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 2 -subj "/CN=pkjwt test CA" 2>/dev/null
            openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj "/CN=localhost" 2>/dev/null
            printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\\nbasicConstraints=CA:FALSE\\nextendedKeyUsage=serverAuth\\n' > ext.cnf
            openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem -days 2 -extfile ext.cnf 2>/dev/null
            mkdir -p cadir && cp ca.pem cadir/ && openssl rehash cadir 2>/dev/null
            """
        let result = try s.shell(script)
        try #require(result.status == 0, "openssl: \(result.stderr)")
    }

    @Test("keygen, register and token over HTTPS; a clear error without the CA") func flowOverHTTPS() throws {
        let s = try Scratch()
        try Self.makeTestCA(in: s)
        let server = try DevServerProcess(extraArguments: [
            "--tls-cert", s.path("server.pem"), "--tls-key", s.path("server.key"),
        ])
        #expect(server.url.hasPrefix("https://127.0.0.1:"))
        try s.write(".env", server.env(scopes: "okta.users.read"))
        #expect(try s.pkjwt("keygen").status == 0)

        let untrusted = try s.pkjwt("register", "--timeout", "5")
        expectExplainedFailure(untrusted, mentioning: "is not signed by a CA pkjwt trusts")
        #expect(
            !untrusted.stderr.contains("/build/") && !untrusted.stderr.contains("NIOSSL"),
            "words, not a raw error: \(untrusted.stderr)")

        let registered = try s.pkjwt("register", "--cacert", "ca.pem")
        #expect(registered.status == 0, "\(registered.stderr)")
        let viaFile = try s.run(["token", "--no-cache"], environment: ["SSL_CERT_FILE": s.path("ca.pem")])
        #expect(viaFile.status == 0 && viaFile.stdout.split(separator: ".").count == 3, "\(viaFile.stderr)")
        let viaDirectory = try s.run(["token", "--no-cache"], environment: ["SSL_CERT_DIR": s.path("cadir")])
        #expect(viaDirectory.status == 0, "\(viaDirectory.stderr)")
        expectExplainedFailure(
            try s.pkjwt("token", "--no-cache", "--timeout", "5"), mentioning: "is not signed by a CA pkjwt trusts")
        expectExplainedFailure(
            try s.pkjwt("token", "--no-cache", "--cacert", "server.key"), mentioning: "holds no PEM certificate")
    }
}
