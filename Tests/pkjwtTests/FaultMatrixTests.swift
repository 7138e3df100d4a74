// Each call register and token make, under each fault the dev server can inject: the run ends in
// success or one clear error line within the timeout, and the org ends as a fault-free run leaves it
// (after one plain re-run when the faulted run had to give up).

import Foundation
import Testing

@Suite("fault matrix: register and token against pkjwt serve", .serialized)
struct FaultMatrixTests {
    enum Call: String, CaseIterable, CustomStringConvertible {
        case create, keyAdd = "key add", grant, role, token
        var description: String { rawValue }
    }

    /// 429 with a reset, 503 three times, a short body before processing, a reset after the request
    /// is read, a cut mid-body after processing, an answer slower than the 2-second timeout, and a
    /// body that stalls past it after processing.
    static let faults: [[String]] = [
        ["429"], ["503", "503", "503"], ["truncate"], ["reset"], ["cut-after"], ["delay:3"], ["slow-body:3"],
    ]

    static let scopes = "okta.users.read okta.users.manage"
    static let role = "READ_ONLY_ADMIN"

    @Test("each call under each fault", arguments: Call.allCases, faults)
    func matrix(call: Call, fault: [String]) throws {
        let server = try DevServerProcess()
        let s = try Scratch()
        try s.write(".env", server.env(scopes: Self.scopes))
        #expect(try s.pkjwt("keygen").status == 0)
        let name = "fault \(call) \(fault[0])"
        var register = ["register", "--name", name, "--admin-role", Self.role, "--timeout", "2"]

        if call == .keyAdd {
            // An app with a first key, then a second key for register to add.
            #expect(try s.run(register).status == 0)
            #expect(try s.pkjwt("keygen", "--force").status == 0)
        }
        let appPath = { () throws -> String in "/api/v1/apps/\(try Self.clientID(s))" }
        switch call {
        case .create: try server.queueFaults(fault, for: "POST /oauth2/v1/clients")
        case .keyAdd: try server.queueFaults(fault, for: "POST \(try appPath())/credentials/jwks")
        case .grant, .role, .token: break
        }
        if call == .grant || call == .role || call == .token {
            // The app exists with no grants or role yet: register once without scopes or role.
            try s.write(
                ".env",
                server.env(scopes: "")
                    + (try s.read(".env")).split(separator: "\n").filter {
                        $0.hasPrefix("PRIVATE_KEY_FILE") || $0.hasPrefix("KEY_ID")
                    }.joined(separator: "\n") + "\n")
            #expect(try s.run(["register", "--name", name, "--timeout", "2"]).status == 0)
            try s.write(
                ".env", (try s.read(".env")).replacingOccurrences(of: "SCOPES=''", with: "SCOPES='\(Self.scopes)'"))
            let clientID = try Self.clientID(s)
            if call == .grant { try server.queueFaults(fault, for: "POST /api/v1/apps/\(clientID)/grants") }
            if call == .role { try server.queueFaults(fault, for: "POST /oauth2/v1/clients/\(clientID)/roles") }
        }
        if call == .token {
            #expect(try s.run(register).status == 0)
            try server.queueFaults(fault, for: "/oauth2/v1/token")
            register = ["token", "--timeout", "2"]
        }

        let started = Date()
        let first = try s.run(register)
        #expect(Date().timeIntervalSince(started) < 60, "\(call) \(fault): bounded")
        // A slow server may still finish the request after the client gave up (3 s here): the user's
        // re-run, and the final look at the org, come after that, or a late create would go unseen.
        let settle = {
            if fault[0].hasPrefix("delay:") || fault[0].hasPrefix("slow-body:") {
                Thread.sleep(until: started.addingTimeInterval(3.5))
            }
        }
        if first.status != 0 {
            expectExplainedFailure(first, mentioning: "pkjwt: error: ")
            #expect(
                !first.stderr.contains("Error("), "\(call) \(fault): a plain sentence, not a raw error: \(first.stderr)"
            )
            settle()
            if call != .token { #expect(try s.run(register).status == 0, "\(call) \(fault): a plain re-run completes") }
        }
        settle()
        try expectFaultFreeState(server: server, scratch: s, name: name, call: call, fault: fault)
    }

    @Test("regression: a create cut mid-answer after Okta made the app is adopted in the same run, not made twice")
    func orphanAdopted() throws {
        let server = try DevServerProcess()
        let s = try Scratch()
        try s.write(".env", server.env(scopes: "okta.users.read"))
        #expect(try s.pkjwt("keygen").status == 0)
        try server.queueFaults(["cut-after"], for: "POST /oauth2/v1/clients")
        let first = try s.pkjwt("register", "--name", "orphan check")
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("found the app an earlier run created") == false, "this run made it")
        let apps = try server.appIDs(labelled: "orphan check")
        let recorded = try Self.clientID(s)
        #expect(apps == [recorded], "one app, recorded: \(apps)")
        let again = try s.pkjwt("register", "--name", "orphan check")
        #expect(again.status == 0 && again.stderr.contains("nothing changed"))
        #expect(try server.appIDs(labelled: "orphan check").count == 1)
    }

    @Test("an app made by a run whose answer never came back is found and adopted by the next run")
    func adoptedNextRun() throws {
        let server = try DevServerProcess()
        let s = try Scratch()
        try s.write(".env", server.env(scopes: "okta.users.read"))
        #expect(try s.pkjwt("keygen").status == 0)
        try server.queueFaults(["delay:3"], for: "POST /oauth2/v1/clients")
        let first = try s.pkjwt("register", "--name", "slow create", "--timeout", "1")
        expectExplainedFailure(first, mentioning: "may have been processed")
        Thread.sleep(forTimeInterval: 3)  // the server finishes the create after the client gave up
        let second = try s.pkjwt("register", "--name", "slow create")
        #expect(
            second.status == 0 && second.stdout.contains("found the app an earlier run created"), "\(second.stdout)")
        let recorded = try Self.clientID(s)
        #expect(try server.appIDs(labelled: "slow create") == [recorded])
    }

    static func clientID(_ s: Scratch) throws -> String {
        let line = try #require(try s.read(".env").split(separator: "\n").last { $0.hasPrefix("CLIENT_ID=") })
        return String(line.dropFirst("CLIENT_ID=".count))
    }

    /// One app with this name, holding every key made here, with exactly the scopes and one role.
    func expectFaultFreeState(server: DevServerProcess, scratch s: Scratch, name: String, call: Call, fault: [String])
        throws
    {
        let context = "\(call) \(fault)"
        let apps = try server.appIDs(labelled: name)
        #expect(apps.count == 1, "\(context): apps \(apps)")
        let clientID = try Self.clientID(s)
        #expect(apps == [clientID], "\(context): .env records the app")
        let keys = try server.get("/api/v1/apps/\(clientID)/credentials/jwks") as? [[String: Any]] ?? []
        #expect(keys.count == (call == .keyAdd ? 2 : 1), "\(context): keys \(keys.map { $0["kid"] ?? "" })")
        let grants = try server.get("/api/v1/apps/\(clientID)/grants") as? [[String: Any]] ?? []
        #expect(
            Set(grants.compactMap { $0["scopeId"] as? String })
                == Set(Self.scopes.split(separator: " ").map(String.init)), "\(context)")
        #expect(grants.count == 2, "\(context): no scope granted twice")
        let roles = try server.get("/oauth2/v1/clients/\(clientID)/roles") as? [[String: Any]] ?? []
        #expect(roles.compactMap { $0["type"] as? String } == [Self.role], "\(context): roles \(roles)")
    }
}
