extension String {
    /// The text cut to about `limit` characters for a message, keeping its start and end and saying
    /// how long it was: a five-million-digit number must not be echoed whole.
    public func abbreviated(to limit: Int = 60) -> String {
        guard count > limit else { return self }
        let keep = max(1, (limit - 1) / 2)
        return String(prefix(keep)) + "…" + String(suffix(keep)) + " (\(count) characters)"
    }
}
