import KadChat
import KademliaCore

/// The chat as a person uses it, one line at a time: commands in, lines out. `kadsim chat` feeds it the terminal; tests
/// feed it lines. Peers are named by a name the user gave a key (`contacts`), by their identity key (64 hex digits), or
/// by the name they claimed in the DHT. A peer who writes first is shown by that name when the DHT's claim of it is
/// theirs, and otherwise by the name their presence gives followed by their key's start.
public actor ChatConsole {
    public nonisolated let chat: ChatNode
    private let write: @Sendable (String) -> Void
    /// Names the user can type, and the keys they stand for.
    private var contacts: [String: [UInt8]]
    /// How each known key is shown.
    private var names: [[UInt8]: String] = [:]

    public static let help = "commands: /msg NAME|KEY text, /who NAME|KEY, /quit"

    public init(chat: ChatNode, contacts: [String: [UInt8]] = [:], write: @escaping @Sendable (String) -> Void) {
        self.chat = chat
        self.contacts = contacts
        self.write = write
        // In name order, so a key given two names shows the same one in every process.
        for name in contacts.keys.sorted() { names[contacts[name]!] = names[contacts[name]!] ?? name }
    }

    /// Parses `NAME=KEY` (the key in hex) for `contacts`.
    public static func contact(_ text: String) -> (name: String, key: [UInt8])? {
        let parts = text.split(separator: "=", maxSplits: 1)
        guard parts.count == 2, !parts[0].isEmpty, let key = Hex.bytes(parts[1]), key.count == 32 else { return nil }
        return (String(parts[0]), key)
    }

    /// Handles one typed line; returns false for `/quit`.
    public func handle(_ line: String) async -> Bool {
        let words = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
        switch words.first {
        case nil:
            return true
        case "/quit":
            return false
        case "/who" where words.count == 2:
            await who(String(words[1]))
        case "/msg" where words.count == 3:
            await message(String(words[2]), to: String(words[1]))
        default:
            write("? \(Self.help)")
        }
        return true
    }

    /// Shows what happened in the sessions until the chat shuts down.
    public func showEvents() async {
        for await event in chat.events {
            switch event {
            case .established(_, let peer, let address):
                if names[peer] == nil { await learnName(of: peer) }
                write("* session with \(shown(peer)) at \(address)")
            case .delivered(_, let peer, let text):
                write("<\(shown(peer))> \(String(decoding: text, as: UTF8.self))")
            case .failed(_, let peer, let address, let failure, let undelivered):
                let who = peer.map(shown) ?? "a peer"
                let reason = failure == .noAnswer ? "did not answer" : "stopped answering"
                guard let peer, !undelivered.isEmpty else {
                    write("* \(who) \(reason)")
                    continue
                }
                await resend(undelivered, to: peer, after: "\(who) \(reason) at \(address)", unless: address)
            case .registered:
                break  // The chat node keeps its own address up to date.
            }
        }
    }

    /// A peer that stopped answering may have moved: its presence is looked up again, and what it did not take is
    /// sent to the new address; at the same address (or with no presence) the texts are reported lost.
    private func resend(_ texts: [[UInt8]], to peer: [UInt8], after what: String, unless oldAddress: NodeAddress) async {
        let presence = try? await chat.presence(of: peer)
        guard let presence, presence.address != oldAddress else {
            write("* \(what); \(texts.count) message(s) not delivered")
            return
        }
        write("* \(what); now at \(presence.address), sending \(texts.count) message(s) again")
        for text in texts {
            do { try await chat.send(text, to: peer) } catch { write("* \(shown(peer)): \(error)") }
        }
    }

    private func who(_ target: String) async {
        guard let key = await key(of: target) else { return }
        do {
            guard let presence = try await chat.presence(of: key) else {
                write("* \(target): no presence found")
                return
            }
            if names[key] == nil { await learnName(of: key) }
            write("* \(shown(key)) is \"\(presence.name)\" at \(presence.address)")
        } catch {
            write("* \(target): \(error)")
        }
    }

    private func message(_ text: String, to target: String) async {
        guard let key = await key(of: target) else { return }
        do {
            try await chat.send(Array(text.utf8), to: key)
        } catch {
            write("* \(target): \(error)")
        }
    }

    /// The key a typed name stands for: a contact, a key in hex, or whoever claimed the name in the DHT.
    private func key(of target: String) async -> [UInt8]? {
        if let key = contacts[target] { return key }
        if let key = Hex.bytes(target), key.count == 32 { return key }
        do {
            if let key = try await chat.identityKey(named: target) {
                if names[key] == nil { names[key] = target }
                return key
            }
            write("* nobody has claimed the name \(target): give a 64-digit identity key, or start with --contact \(target)=KEY")
        } catch {
            write("* \(target): \(error)")
        }
        return nil
    }

    /// A name a presence gives is only what its owner says; it is shown bare only when the DHT's claim agrees.
    private func learnName(of key: [UInt8]) async {
        guard let presence = try? await chat.presence(of: key) else { return }
        let holder = try? await chat.identityKey(named: presence.name)
        names[key] = holder == key ? presence.name : "\(presence.name)~\(Hex.string(key).prefix(8))"
    }

    private func shown(_ key: [UInt8]) -> String {
        names[key] ?? String(Hex.string(key).prefix(16))
    }
}
