import SpecterInterchange
import Testing

@Suite struct HTTPFileExportTests {
    private let place = SourcePlace(file: "spec.yaml", line: 7)

    @Test func requestWithHandlerInJetBrainsSyntax() throws {
        let request = ForeignRequest(name: "Create a pet", method: "POST", url: "{{base}}/pets?n={{$randomInt 1 10}}",
                                     headers: [ForeignHeader(name: "X-Env", value: "{{$env HOME}}")], body: .text("{\"name\": \"Rex\"}", mediaType: "application/json"),
                                     auth: .bearer(token: "{{token}}"), captures: [ForeignCapture(variable: "pet_id", query: "$.id"), ForeignCapture(variable: "where", query: "header Location")],
                                     asserts: ["status == 201", "$.name == \"Rex\"", "$.tags[0] != null"], place: place)
        let exported = HTTPFileExport.file(for: [request])
        #expect(exported.text == """
        ### Create a pet
        POST {{base}}/pets?n={{$random.integer(1, 11)}}
        X-Env: {{$processEnv HOME}}
        Content-Type: application/json
        Authorization: Bearer {{token}}

        {"name": "Rex"}

        > {%
            client.global.set("pet_id", response.body.id);
            client.global.set("where", response.headers.valueOf("Location"));
            client.test("status == 201", function () {
                client.assert(response.status === 201, "status == 201");
            });
            client.test("$.name == \\"Rex\\"", function () {
                client.assert(response.body.name === "Rex", "$.name == \\"Rex\\"");
            });
            client.test("$.tags[0] != null", function () {
                client.assert(response.body.tags[0] !== null, "$.tags[0] != null");
            });
        %}

        """)
        #expect(exported.notes.isEmpty)
        var readBack = try HTTPFileImport().collection(text: exported.text, file: "x.http").requests[0]
        readBack.place = place
        var expected = request
        expected.headers.append(ForeignHeader(name: "Content-Type", value: "application/json"))
        #expect(readBack == expected)
    }

    @Test func whatAHandlerCannotSayIsNoted() {
        let request = ForeignRequest(method: "GET", url: "http://x", captures: [ForeignCapture(variable: "ids", query: "$..id")],
                                     asserts: ["$.name matches ^R", "$.id == {{pet_id}}"], place: place)
        let exported = HTTPFileExport.file(for: [request])
        #expect(exported.text == "###\nGET http://x\n")
        #expect(exported.notes.map(\.description) == [
            "spec.yaml:7: the capture ids: $..id has no JetBrains handler equivalent; not written",
            "spec.yaml:7: the assertion ‘$.name matches ^R’ has no JetBrains handler equivalent; not written",
            "spec.yaml:7: the assertion ‘$.id == {{pet_id}}’ has no JetBrains handler equivalent; not written",
        ])
    }

    /// A status class and `contains` are JavaScript too (the hundreds of the status, `includes`), and read back as they were.
    @Test func aStatusClassAndContainsAreWrittenAndReadBack() throws {
        let asserts = ["status == 2xx", "status != 5xx", "$.name contains Rex", "header content-type contains json", "$.tags not contains \"cat\""]
        let request = ForeignRequest(method: "GET", url: "http://x", asserts: asserts, place: place)
        let exported = HTTPFileExport.file(for: [request])
        #expect(exported.notes.isEmpty, "\(exported.notes)")
        #expect(exported.text.contains("client.assert(Math.floor(response.status / 100) === 2, \"status == 2xx\");"))
        #expect(exported.text.contains("client.assert(!response.body.tags.includes(\"cat\"), \"$.tags not contains \\\"cat\\\"\");"), "\(exported.text)")
        let readBack = try HTTPFileImport().collection(text: exported.text, file: "x.http").requests[0]
        #expect(readBack.asserts == ["status == 2xx", "status != 5xx", "$.name contains \"Rex\"", "header content-type contains \"json\"", "$.tags not contains \"cat\""])
    }

    @Test func bodiesThatDoNotReadBackAreNoted() {
        let request = ForeignRequest(method: "POST", url: "http://x", body: .text("# a heading\ntext", mediaType: nil), place: place)
        #expect(HTTPFileExport.file(for: [request]).notes.map(\.description) == ["spec.yaml:7: the request does not read back the same from the .http file (body differ); check it there"])
    }

    @Test func formsMultipartAndCredentials() throws {
        let requests = [
            ForeignRequest(method: "POST", url: "http://x", body: .form([FormField(name: "a b", value: "{{v}}&"), FormField(name: "c", value: "d")]), place: place),
            ForeignRequest(method: "POST", url: "http://x", body: .multipart([MultipartPart(name: "file", content: .file(path: "./a.png", filename: nil), mediaType: "image/png"),
                                                                               MultipartPart(name: "note", content: .text("hi"))]), auth: .basic(user: "u", password: "p"), place: place),
        ]
        let exported = HTTPFileExport.file(for: requests)
        #expect(exported.text == """
        ###
        POST http://x
        Content-Type: application/x-www-form-urlencoded

        a%20b={{v}}%26&c=d

        ###
        POST http://x
        Content-Type: multipart/form-data; boundary=SpecterBoundary
        Authorization: Basic u p

        --SpecterBoundary
        Content-Disposition: form-data; name="file"; filename="a.png"
        Content-Type: image/png

        < ./a.png
        --SpecterBoundary
        Content-Disposition: form-data; name="note"

        hi
        --SpecterBoundary--

        """)
        #expect(exported.notes.isEmpty)
        let readBack = try HTTPFileImport().collection(text: exported.text, file: "x.http").requests
        #expect(readBack[1].body == requests[1].body)
        #expect(readBack[1].auth == requests[1].auth)
    }

    @Test func secretsAreNeverWritten() {
        let collection = ForeignCollection(requests: [], variables: [ForeignVariable(name: "host", value: "http://h"), ForeignVariable(name: "key", value: "s3cr3t", isSecret: true)],
                                           environments: [ForeignEnvironment(name: "dev", variables: [ForeignVariable(name: "host", value: "http://dev"),
                                                                                                      ForeignVariable(name: "password", value: "hunter2", isSecret: true)])])
        let file = HTTPFileExport.file(for: collection)
        #expect(file.text == "@host = http://h\n")
        #expect(file.notes.map(\.message) == ["the secret variable ‘key’ is not written; define it in the private environment file"])
        let environments = HTTPFileExport.environmentFiles(for: collection.environments)
        #expect(environments.publicFile == "{\n  \"dev\": {\n    \"host\": \"http://dev\"\n  }\n}\n")
        #expect(environments.privateFile == "{\n  \"dev\": {\n    \"password\": \"\"\n  }\n}\n")
        #expect(!environments.publicFile.contains("hunter2") && environments.privateFile?.contains("hunter2") == false)
        #expect(environments.notes.map(\.message) == ["the secret values of ‘dev’ (password) are not written; fill them in"])
    }
}
