import Testing
import SpecterTerminal
@testable import SpecterApp

/// The key table is what the explorer does: every binding's keys reach its action in its place.
@Suite struct KeymapTests {
    @Test(arguments: Keymap.Place.allCases)
    func everyBindingReachesItsAction(_ place: Keymap.Place) {
        for binding in Keymap.bindings(place) {
            #expect(!binding.help.isEmpty)
            for key in binding.keys {
                let action = Keymap.action(for: key, in: place, typing: false)
                if let expected = binding.action {
                    #expect(action == expected, "\(place.rawValue): \(key) should be \(expected), is \(String(describing: action))")
                } else {
                    #expect(action != nil, "\(place.rawValue): \(binding.label) lists \(key), which does nothing")
                }
            }
        }
    }

    @Test(arguments: Keymap.Place.allCases)
    func noKeyIsBoundTwiceInAPlace(_ place: Keymap.Place) {
        var seen: [KeyPress: String] = [:]
        for binding in Keymap.bindings(place) {
            for key in binding.keys {
                #expect(seen[key] == nil, "\(place.rawValue): \(key) is in \"\(seen[key] ?? "")\" and \"\(binding.label)\"")
                seen[key] = binding.label
            }
        }
    }

    /// Keys that work everywhere reach places that do not take them over, and never overlays.
    @Test func keysThatWorkEverywhere() {
        for binding in Keymap.bindings(.everywhere) {
            for key in binding.keys {
                for place in Keymap.Place.allCases where place != .everywhere {
                    let own = Keymap.bindings(place).contains { $0.keys.contains(key) }
                    let action = Keymap.action(for: key, in: place, typing: false)
                    if place.isOverlay {
                        if !own { #expect(action == nil, "\(place.rawValue) takes every key, but \(key) reached \(String(describing: action))") }
                    } else if !own {
                        #expect(action == binding.action, "\(place.rawValue): \(key)")
                    }
                }
            }
        }
    }

    /// While typing, characters are text (even `q`, `?` and `/`); bound non-text keys keep their bindings.
    @Test func typingTakesCharactersButNotCommands() {
        for place in [Keymap.Place.filter, .form, .search, .prompt, .picker] {
            for character in ["q", "?", "/", "j", " ", "+", "é"] {
                let key = KeyPress.character(Character(character))
                #expect(Keymap.action(for: key, in: place, typing: true) == .type(key), "\(place.rawValue): \(character)")
            }
            #expect(Keymap.action(for: .backspace, in: place, typing: true) == .type(.backspace))
            #expect(Keymap.action(for: .escape, in: place, typing: true) == .back)
        }
        #expect(Keymap.action(for: KeyPress(.function(5)), in: .form, typing: true) == .send)
        #expect(Keymap.action(for: .control("d"), in: .form, typing: true) == .useDefault)
    }

    /// The status bar always says how to get help, with a key that gives it there.
    @Test(arguments: Keymap.Place.allCases.filter { !$0.isOverlay && $0 != .everywhere })
    func everyPlaceSaysHowToGetHelp(_ place: Keymap.Place) throws {
        let hint = try #require(Keymap.statusHints(place).first { $0.action == "help" })
        let key: KeyPress = hint.keys == "F1" ? KeyPress(.function(1)) : .character(Character(hint.keys))
        #expect(Keymap.action(for: key, in: place, typing: place.takesText) == .help, "\(place.rawValue): \(hint.keys)")
    }
}
