import ArgumentParser
import Foundation
import KadChat
import KadChatNode
import KadNode
import Logging

/// `kadsim chat`: a chat user on a UDP port, found through the DHT by name or identity key.
struct ChatCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chat",
        abstract: "Chat through the DHT: claim your name, publish your presence, find others', talk to them directly and encrypted.")

    @Option(help: "Your name: claimed in the DHT (the first key to claim a name keeps it) and shown in your presence.")
    var name: String

    @Option(help: "Your identity file (created with mode 0600 when missing).")
    var identity: String = "kadsim-identity"

    @Option(help: "UDP port to listen on (0: any free one).")
    var port: Int = 0

    @Option(help: "IPv4 address to listen on.")
    var host: String = "127.0.0.1"

    @Option(name: .customLong("bootstrap"), help: "HOST:PORT of a DHT node to join through (repeatable).")
    var bootstrap: [String] = []

    @Option(name: .customLong("contact"), help: "NAME=KEY: a name to type for an identity key (repeatable).")
    var contacts: [String] = []

    func run() async throws {
        let console: ChatConsole
        do {
            guard !name.isEmpty, name.utf8.count <= Presence.maximumNameLength else {
                throw ValidationFailure("--name: expected 1 to \(Presence.maximumNameLength) bytes, got \(name.utf8.count)")
            }
            var known: [String: [UInt8]] = [:]
            for text in contacts {
                guard let contact = ChatConsole.contact(text) else {
                    throw ValidationFailure("--contact \(text): expected NAME=KEY with a 64-digit hex identity key")
                }
                known[contact.name] = contact.key
            }
            let addresses = try NodeService.addresses(bootstrap)
            let (user, created) = try ChatIdentity.loadOrCreate(path: identity)
            var logger = Logger(label: "kadsim.chat")
            logger.logLevel = .warning
            let chat = try await ChatNode.start(identity: user, name: name, host: host, port: port, bootstrap: addresses, logger: logger)
            let stored = addresses.isEmpty ? 0 : try await chat.publishPresence()
            let claim = addresses.isEmpty ? .unclaimed : try await chat.claimName()
            console = ChatConsole(chat: chat, contacts: known, write: Self.print)
            Self.print("\(created ? "created" : "loaded") identity \(identity)")
            Self.print("you are \(name), key \(Hex.string(user.publicKey)), at \(chat.reachableAddress); presence stored at \(stored) node(s)")
            Self.print("NAT: \(chat.mapping); introducer: \(chat.registeredIntroducer.map { "\($0)" } ?? "none")")
            switch claim {
            case .claimed(let storedAt): Self.print("the name \(name) is yours (claim stored at \(storedAt) node(s))")
            case .takenBy(let holder): Self.print("the name \(name) belongs to key \(Hex.string(holder)): others can find you by your key only")
            case .unclaimed: Self.print("the name \(name) is not claimed (no DHT node to hold it): others can find you by your key only")
            }
            Self.print(ChatConsole.help)
        } catch {
            FileHandle.standardError.write(Data("kadsim chat: \(error)\n".utf8))
            throw ExitCode(CommandExitStatus.error)
        }
        let chat = console.chat
        let events = Task { await console.showEvents() }
        let presence = Task { await chat.keepPresencePublished { Self.print("* presence not published: \($0)") } }
        for await line in Self.standardInputLines() {
            guard await console.handle(line) else { break }
        }
        presence.cancel()
        await chat.shutdown()
        await events.value
    }

    /// Unbuffered, so a terminal (or a script reading the output) sees each line at once.
    @Sendable static func print(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    /// The lines typed, read on a thread of their own; the stream ends at end of input.
    static func standardInputLines() -> AsyncStream<String> {
        AsyncStream { continuation in
            Thread.detachNewThread {
                while let line = readLine() { continuation.yield(line) }
                continuation.finish()
            }
        }
    }
}
