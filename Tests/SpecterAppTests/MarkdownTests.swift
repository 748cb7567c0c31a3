import Testing
@testable import SpecterApp

/// Descriptions' Markdown as terminal text: what stays text, what becomes an attribute, what goes.
@Suite struct MarkdownTests {
    static func text(_ markdown: String, width: Int = 200) -> String {
        Markdown.render(markdown, width: width).map { $0.map(\.text).joined() }.joined(separator: "\n")
    }

    @Test func underscoresInsideWordsStayText() {
        #expect(Self.text("snake_case requires_action <code>requires_capture</code>") == "snake_case requires_action requires_capture")
        #expect(Markdown.inline("an _emphasis_ here").contains(Run("emphasis", Tone(.plain, .italic))))
        #expect(Markdown.inline("a __strong__ word").contains(Run("strong", Tone(.plain, .bold))))
        #expect(Markdown.inline("**Note: _this_**").contains(Run("this", Tone(.plain, [.bold, .italic]))), "an underscore inside another emphasis")
    }

    @Test func tagsGoWithTheirAttributesButComparisonsStay() {
        #expect(Self.text(#"<p>See <a href="https://docs.stripe.com/api/customers/object#customer_object-balance">the balance</a>.</p>"#)
                == "See the balance.")
        #expect(Self.text("when a < b and c > d") == "when a < b and c > d")
        #expect(Self.text("limit <= 10 or <5 items>") == "limit <= 10 or <5 items>")
        #expect(Self.text("x <y and y >= 3") == "x <y and y >= 3")
        #expect(Self.text("a List<T> of them") == "a List<T> of them")
        #expect(Self.text("<br/>a<img src=x alt='a b' hidden />b") == "ab")
    }

    @Test func wrappedLinesKeepEveryCharacter() {
        let lines = Markdown.render("application/x-www-form-urlencoded same schema, and a requires_capture word", width: 36)
        #expect(lines.map { $0.map(\.text).joined() }.allSatisfy { $0.count <= 36 })
        #expect(Self.text("application/x-www-form-urlencoded same schema, and a requires_capture word", width: 36).split(whereSeparator: \.isWhitespace).joined(separator: " ")
                == "application/x-www-form-urlencoded same schema, and a requires_capture word")
    }
}
