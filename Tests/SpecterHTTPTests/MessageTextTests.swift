import Testing
import SpecterHTTP

/// How times and media types read, the same in `call`, `replay` and the explorer.
@Suite struct MessageTextTests {
    @Test func millisecondsKeepATenthBelowTen() {
        #expect(Duration.microseconds(40).millisecondsText == "0.0 ms")
        #expect(Duration.microseconds(4_260).millisecondsText == "4.3 ms")
        #expect(Duration.microseconds(9_940).millisecondsText == "9.9 ms")
        #expect(Duration.microseconds(9_960).millisecondsText == "10 ms")
        #expect(Duration.microseconds(137_400).millisecondsText == "137 ms")
        #expect(Duration.seconds(90).millisecondsText == "90000 ms")
        #expect(Duration.milliseconds(-3).millisecondsText == "0.0 ms")
    }

    @Test func theEssenceOfAMediaType() {
        #expect(MediaType.essence(of: "application/json") == "application/json")
        #expect(MediaType.essence(of: " Application/JSON ; charset=utf-8") == "application/json")
        #expect(MediaType.essence(of: "text/plain;charset=US-ASCII") == "text/plain")
        #expect(MediaType.essence(of: "") == "")
        #expect(MediaType.isJSON("application/problem+json; charset=utf-8"))
    }
}
