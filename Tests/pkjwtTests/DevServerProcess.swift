// `pkjwt serve --port 0` as a child process, for end-to-end tests.

import Foundation
import Testing

/// A running dev server: its URL and API token, read from the lines it prints at start.
final class DevServerProcess: @unchecked Sendable {
    let process = Process()
    private let lifeline = Pipe()
    let url: String
    let apiToken: String

    init(extraArguments: [String] = []) throws {
        process.executableURL = pkjwtBinary
        // The server reads this pipe and exits at its end: when this test process ends, however it
        // ends, the kernel closes the write end and the server follows (no orphan after the run).
        process.arguments = ["serve", "--port", "0", "--exit-with-stdin"] + extraArguments
        process.standardInput = lifeline
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        var text = ""
        let deadline = Date().addingTimeInterval(30)
        while !(text.contains("OKTA_URL=") && text.contains("API_KEY=") && text.hasSuffix("\n")) {
            guard Date() < deadline, process.isRunning else {
                end(process, graceSeconds: 20)
                throw DevServerStartFailure(output: text)
            }
            // availableData would wait without end for a server that prints nothing: poll(2) first.
            var ready = pollfd(fd: out.fileHandleForReading.fileDescriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&ready, 1, 100) > 0 else { continue }
            text += String(decoding: out.fileHandleForReading.availableData, as: UTF8.self)
        }
        let lines = text.split(separator: "\n")
        url = String(lines.first { $0.hasPrefix("OKTA_URL=") }!.dropFirst(9))
        apiToken = String(lines.first { $0.hasPrefix("API_KEY=") }!.dropFirst(8))
    }

    // A graceful shutdown that waits on a stuck connection must not hold the test run.
    deinit { end(process, graceSeconds: 20) }

    struct DevServerStartFailure: Error { let output: String }

    /// Queues fault answers for `path` (the dev server's test switch).
    func queueFaults(_ faults: [String], for path: String) throws {
        var request = URLRequest(url: URL(string: url + "/__dev/faults")!)
        request.httpMethod = "POST"
        request.setValue("SSWS \(apiToken)", forHTTPHeaderField: "Authorization")
        request.httpBody = try JSONSerialization.data(withJSONObject: ["path": path, "faults": faults])
        let semaphore = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var status = 0
        URLSession.shared.dataTask(with: request) { _, response, _ in
            status = (response as? HTTPURLResponse)?.statusCode ?? 0
            semaphore.signal()
        }.resume()
        semaphore.wait()
        #expect(status == 204)
    }

    /// GET on the dev org with its API token, as JSON (for checking what a run left behind).
    func get(_ path: String) throws -> Any {
        var request = URLRequest(url: URL(string: url + path)!)
        request.setValue("SSWS \(apiToken)", forHTTPHeaderField: "Authorization")
        let semaphore = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var body = Data()
        URLSession.shared.dataTask(with: request) { data, _, _ in
            body = data ?? Data()
            semaphore.signal()
        }.resume()
        semaphore.wait()
        return try JSONSerialization.jsonObject(with: body)
    }

    /// A management call with the API token and a JSON body; the status and the JSON answer.
    @discardableResult
    func send(_ method: String, _ path: String, json: Any? = nil) throws -> (status: Int, body: Any?) {
        var request = URLRequest(url: URL(string: url + path)!)
        request.httpMethod = method
        request.setValue("SSWS \(apiToken)", forHTTPHeaderField: "Authorization")
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = try json.map { try JSONSerialization.data(withJSONObject: $0) }
        let semaphore = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var answer: (Int, Data) = (0, Data())
        URLSession.shared.dataTask(with: request) { data, response, _ in
            answer = ((response as? HTTPURLResponse)?.statusCode ?? 0, data ?? Data())
            semaphore.signal()
        }.resume()
        semaphore.wait()
        return (answer.0, try? JSONSerialization.jsonObject(with: answer.1))
    }

    /// Token requests the server has received.
    func tokenRequests() throws -> Int { (try get("/__dev/stats") as? [String: Any])?["token_requests"] as? Int ?? -1 }

    /// The ids of the apps labelled exactly `label`.
    func appIDs(labelled label: String) throws -> [String] {
        let query = label.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? label
        let apps = try get("/api/v1/apps?q=\(query)") as? [[String: Any]] ?? []
        return apps.filter { $0["label"] as? String == label }.compactMap { $0["id"] as? String }
    }

    /// A .env for this server.
    func env(scopes: String = "okta.users.read okta.users.manage", extra: String = "") -> String {
        "OKTA_URL=\(url)\nAPI_KEY=\(apiToken)\nSCOPES='\(scopes)'\n" + extra
    }
}

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
