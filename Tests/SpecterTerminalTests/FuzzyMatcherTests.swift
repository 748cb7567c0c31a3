import Testing
import SpecterTerminal

@Suite struct FuzzyMatcherTests {
    func score(_ query: String, _ text: String) -> Int? { FuzzyMatcher(query).match(FuzzyCandidate(text))?.score }

    @Test func charactersMustAppearInOrder() {
        #expect(score("gpet", "GET /pets") != nil)
        #expect(score("pteg", "GET /pets") == nil)
        #expect(score("", "anything") == 0)
        #expect(score("xyz", "ab") == nil)
    }

    @Test func wordStartsAndRunsScoreHigher() throws {
        let starts = try #require(score("lp", "listPets"))
        let middle = try #require(score("lp", "helper"))
        #expect(starts > middle)
        let run = try #require(score("pets", "GET /pets/{id}"))
        let scattered = try #require(score("pets", "GET /p/e/t/s"))
        #expect(run > scattered)
        let exactWord = try #require(score("user", "GET /user/login"))
        let insideWord = try #require(score("user", "GET /superuser"))
        #expect(exactWord > insideWord)
    }

    @Test func positionsPointAtTheMatchedCharacters() throws {
        let match = try #require(FuzzyMatcher("fbs").match(FuzzyCandidate("GET /pet/findByStatus")))
        #expect(match.positions == [9, 13, 15])
        let wide = try #require(FuzzyMatcher("pt").match(FuzzyCandidate("漢字 pet")))
        #expect(wide.positions == [3, 5])
    }

    @Test func highlightSplitsTextIntoSpans() {
        let spans = FuzzyMatch.highlight("listPets", positions: [0, 4], style: .plain, matched: .underline)
        #expect(spans == [Span("l", .underline), Span("ist"), Span("P", .underline), Span("ets")])
    }
}
