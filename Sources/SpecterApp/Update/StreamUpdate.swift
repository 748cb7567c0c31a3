import SpecterRequest
import SpecterTerminal

extension Workspace {
    /// A request was answered with a stream: the response pane shows its events as they come.
    mutating func streamOpened(_ id: Int, exchange: Exchange, format: StreamFormat, checkedAgainst: String?, _ context: UpdateContext) -> [Effect] {
        guard let entry = sessions.first(where: { if case .sending(id, _) = $0.value.status { return true } else { return false } })?.key else { return [] }
        editSession(entry) { session in
            session.status = .received(exchange)
            session.editedSinceSend = false
            session.response = ResponseViewState()
            session.response.tab = .body
            session.response.stream = StreamPane(requestID: id, format: format, checkedAgainst: checkedAgainst)
            session.serverErrors = [:]
            session.requestErrors = []
        }
        guard let session = sessions[entry] else { return [] }
        let sentAt = context.startedAt.addingTimeInterval(context.now.timeInterval)
        return [.appendHistory(HistoryRecord(draft: savable(session.draft(settings: settings), entry: entry), exchange: exchange, sentAt: sentAt,
                                             variables: requestVariables))]
    }

    /// Events of an open stream; those still on their way when it was stopped are let go.
    mutating func streamEvents(_ id: Int, _ batch: StreamBatch, _ context: UpdateContext) {
        guard let entry = entry(streaming: id), sessions[entry]?.response.stream?.state.isOpen == true else { return }
        editSession(entry) { session in session.response.stream?.receive(batch) }
    }

    mutating func streamEnded(_ id: Int, _ ending: StreamState, _ context: UpdateContext) {
        guard let entry = entry(streaming: id), sessions[entry]?.response.stream?.state.isOpen == true else { return }
        editSession(entry) { session in session.response.stream?.state = ending }
        if case .failed(let error) = ending { notify("The stream failed: " + error.description, kind: .error, now: context.now, seconds: 6) }
    }

    /// Esc while a stream is open: it stops (the connection is closed); its events stay.
    mutating func cancelStream(_ entry: Int, _ context: UpdateContext) -> [Effect] {
        let effects = stopStream(entry)
        if !effects.isEmpty { notify("Stream cancelled", kind: .info, now: context.now) }
        return effects
    }

    /// Stops the entry's open stream, if it has one (before it is sent again).
    mutating func stopStream(_ entry: Int) -> [Effect] {
        guard let pane = sessions[entry]?.response.stream, pane.state.isOpen else { return [] }
        editSession(entry) { session in session.response.stream?.state = .cancelled }
        return [.cancel(requestID: pane.requestID)]
    }

    private func entry(streaming id: Int) -> Int? {
        sessions.first { $0.value.response.stream?.requestID == id }?.key
    }

    /// Moving between a stream's entries and unfolding them; false for actions it leaves to the pane.
    mutating func performInStream(_ action: Action, entry: Int, _ context: UpdateContext) -> Bool {
        guard var pane = sessions[entry]?.response.stream else { return false }
        let height = max(1, context.layout.responseContent.height - StreamView.headerLines)
        guard let current = pane.selectedPosition else { return action.listCommand != nil }
        let last = pane.log.count - 1
        let target: Int
        switch action {
        case .up: target = current - 1
        case .down: target = current + 1
        case .pageUp: target = current - height
        case .pageDown: target = current + height
        case .halfPageUp: target = current - height / 2
        case .halfPageDown: target = current + height / 2
        case .top: target = 0
        case .bottom:
            pane.selected = nil
            pane.top = nil
            editSession(entry) { session in session.response.stream = pane }
            return true
        case .toggle, .open:
            guard let event = pane.log[current] else { return true }
            if pane.unfolded.removeValue(forKey: event.index) == nil { pane.unfolded[event.index] = StreamPane.lines(for: event) }
            if pane.selected != nil || pane.top != nil { pane.reveal(current, height: height) }
            editSession(entry) { session in session.response.stream = pane }
            return true
        default:
            return false
        }
        let position = min(max(0, target), last)
        pane.selected = pane.log[position]?.index
        pane.reveal(position, height: height)
        editSession(entry) { session in session.response.stream = pane }
        return true
    }
}
