import SpecterTerminal

/// Where each pane is at a screen size. Views draw into these rects and `update` uses the same ones
/// for paging and mouse hits, so the two never disagree.
struct ScreenLayout: Sendable {
    let size: Size

    var title: Rect { Rect(x: 0, y: 0, width: size.width, height: 1) }
    var status: Rect { Rect(x: 0, y: size.height - 1, width: size.width, height: 1) }
    var body: Rect { Rect(x: 0, y: 1, width: size.width, height: size.height - 2) }

    var isTooSmall: Bool { size.width < AppState.minimumSize.width || size.height < AppState.minimumSize.height }

    /// The endpoint list and the documentation beside it (frames included).
    var browse: (list: Rect, docs: Rect) {
        let split = SplitPane(.horizontal, ratio: size.width >= 140 ? 0.36 : 0.45, minimum: 28).layout(body)
        return (split.first, Rect(x: split.second.x - 1, y: split.second.y, width: split.second.width + 1, height: split.second.height))
    }

    /// The list rows inside the list frame (below the filter line when it shows).
    func listRows(filtering: Bool) -> Rect {
        let inner = browse.list.inset(by: 1)
        return filtering ? inner.inset(top: 1) : inner
    }

    /// The form and the response: side by side when wide, stacked when not.
    var operation: (form: Rect, response: Rect) {
        if size.width >= 120 {
            let split = SplitPane(.horizontal, ratio: 0.5, minimum: 40).layout(body)
            return (split.first, Rect(x: split.second.x - 1, y: split.second.y, width: split.second.width + 1, height: split.second.height))
        }
        let split = SplitPane(.vertical, ratio: 0.55, minimum: 6).layout(body)
        return (split.first, Rect(x: split.second.x, y: split.second.y - 1, width: split.second.width, height: split.second.height + 1))
    }

    var formRows: Rect { operation.form.inset(by: 1) }

    /// The response pane's content below its tab row.
    var responseContent: Rect { operation.response.inset(by: 1).inset(top: 1) }

    var history: Rect { body.inset(by: 1) }
}
