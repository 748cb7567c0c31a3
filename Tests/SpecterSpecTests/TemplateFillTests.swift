import Testing
@testable import SpecterSpec

/// Path and server templates are filled in one pass.
@Suite struct TemplateFillTests {
    @Test func namesAreFilledOnceAndUnknownOnesStay() {
        #expect(TemplateFill.fill("/pets/{petId}/toys/{toy}", with: ["petId": "7", "toy": "ball"]) == "/pets/7/toys/ball")
        #expect(TemplateFill.fill("/files/{name}.json", with: ["name": "a b"]) == "/files/a b.json")
        // A value that looks like a template is not filled again, whatever order the names come in.
        #expect(TemplateFill.fill("/{a}/{b}", with: ["a": "{b}", "b": "x"]) == "/{b}/x")
        #expect(TemplateFill.fill("/{a}/{unknown}/{", with: ["a": "1"]) == "/1/{unknown}/{")
        #expect(TemplateFill.fill("/ünï/{id}", with: ["id": "é"]) == "/ünï/é")
        #expect(TemplateFill.fill("/{id}", with: [:]) == "/{id}")
        // A name holds no brace: the innermost pair is the name, as a plain search for `{id}` finds it.
        #expect(TemplateFill.fill("/x/{{id}}", with: ["id": "7"]) == "/x/{7}")
        #expect(TemplateFill.fill("/a{/{id}", with: ["id": "7"]) == "/a{/7")
    }

    @Test func serverVariablesTakeTheirDefaults() {
        let server = APIServer(url: "https://{region}.example.com/{version}",
                               variables: [ServerVariable(name: "region", defaultValue: "eu", enumValues: [], description: nil),
                                           ServerVariable(name: "version", defaultValue: "v1", enumValues: [], description: nil)])
        #expect(server.resolvedURL() == "https://eu.example.com/v1")
        #expect(server.resolvedURL(values: ["region": "us"]) == "https://us.example.com/v1")
    }
}
