// When to send a request again: bounded in attempts and in total waiting time.

import Foundation

/// Retries 429 (after `X-Rate-Limit-Reset`, capped), 502/503/504 and retryable connection failures
/// (exponential backoff with full jitter); never any other 4xx.
public struct RetryPolicy: Sendable {
    /// Attempts in all, the first included.
    public var maxAttempts: Int
    /// The most time spent waiting between attempts, summed.
    public var maxTotalWait: TimeInterval
    /// The longest single wait for a rate-limit reset.
    public var maxRateLimitWait: TimeInterval
    /// Backoff for attempt k (1-based) is random in [0, min(maxBackoff, baseBackoff · 2^(k−1))].
    public var baseBackoff: TimeInterval
    public var maxBackoff: TimeInterval

    public init(
        maxAttempts: Int = 4, maxTotalWait: TimeInterval = 30, maxRateLimitWait: TimeInterval = 20,
        baseBackoff: TimeInterval = 0.5, maxBackoff: TimeInterval = 8
    ) {
        self.maxAttempts = maxAttempts
        self.maxTotalWait = maxTotalWait
        self.maxRateLimitWait = maxRateLimitWait
        self.baseBackoff = baseBackoff
        self.maxBackoff = maxBackoff
    }

    /// No retries at all.
    public static let never = RetryPolicy(maxAttempts: 1)

    /// The wait before attempt `attempt + 1` after this response, or nil to stop.
    /// `jitter` is uniform in [0, 1).
    public func wait(after response: HTTPResponse, attempt: Int, now: Date, jitter: Double) -> TimeInterval? {
        guard attempt < maxAttempts else { return nil }
        switch response.status {
        case 429:
            // Okta: X-Rate-Limit-Reset is the UTC epoch second when the limit resets.
            // A value that is not a finite number (NaN, say) is ignored: it would make the wait NaN.
            if let reset = response.header("X-Rate-Limit-Reset").flatMap(TimeInterval.init), reset.isFinite {
                return min(max(reset - now.timeIntervalSince1970, 0) + 0.25, maxRateLimitWait)
            }
            return backoff(attempt: attempt, jitter: jitter)
        case 502, 503, 504: return backoff(attempt: attempt, jitter: jitter)
        default: return nil
        }
    }

    /// The wait after a failure to get an answer, or nil to stop: a request that never reached
    /// the server is retried when that may help; one whose answer was cut or reset only when it is
    /// idempotent (a create is never sent twice blindly); a timeout never.
    public func wait(after error: OktaAPIError, attempt: Int, idempotent: Bool, jitter: Double) -> TimeInterval? {
        guard attempt < maxAttempts else { return nil }
        switch error {
        case .connection(_, let problem, _, _) where problem.isRetryable:
            return backoff(attempt: attempt, jitter: jitter)
        case .interrupted(_, let problem, _, _) where idempotent && !problem.isTimeout:
            return backoff(attempt: attempt, jitter: jitter)
        default: return nil
        }
    }

    private func backoff(attempt: Int, jitter: Double) -> TimeInterval {
        min(maxBackoff, baseBackoff * pow(2, Double(attempt - 1))) * jitter
    }
}
