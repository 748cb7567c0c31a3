import SpecterRequest

/// How the explorer reads a streamed response, away from the keys: its head goes to the loop as
/// `streamOpened`, each chunk's events as `streamEvents` (merged while they wait, see
/// `Mailbox.postMerging`), and the ending is the outcome of the request's task.
enum StreamRelay {
    static func read(_ opened: OpenedResponse, id: Int, post: @escaping @Sendable (Message) -> Void) async -> Message {
        switch opened {
        case .whole(let exchange):
            return .exchanged(id: id, exchange)
        case .stream(let stream):
            let checked = stream.reader.check.map { "the \($0.source.rawValue) of \($0.place)" }
            post(.streamOpened(id: id, stream.exchange, stream.reader.format, checkedAgainst: checked))
            let ending = await stream.reader.read(stream.body, openedAt: stream.openedAt) { events in post(.streamEvents(id: id, StreamBatch(events))) }
            return .streamEnded(id: id, ending)
        }
    }
}
