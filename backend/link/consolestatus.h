#pragma once

#include "link/wireprotocol.h"

#include <QByteArray>
#include <QString>

#include <cstdint>

namespace cityops::wire {

/// A console's presence on its retained status topic (docs/PROTOCOL.md, "Presence, Last Will and heartbeat"): online
/// when it connects, offline in its goodbye and in the Last Will the broker publishes when its connection dies. Whether a
/// console is gone decides what a supervisor may release elsewhere (ops/goneconsole.h), so a console signs its status
/// with its key — nobody else on an open broker can say it is gone — and numbers it with its connection: a Will is
/// signed before the connection it covers, and an old one, copied off the broker, must not end a later connection.
struct ConsoleStatus {
    /// EventStore::Stats::Verdict on the wire (a store still checking its file loses nothing: Recording).
    enum class Recording { NotSaid, Recording, AtRisk, NotRecording };
    static constexpr int kMaxRecordingWhyChars = 200;

    bool online = false;
    /// New for every connection attempt and above every earlier one of the console (its wall clock in microseconds
    /// when it signed, pushed past the last): a status of an older connection than one already heard is a replay.
    std::uint64_t connection = 0;
    QString keyId;          ///< CommandSigner::keyId; empty: unsigned (a console without a key, which no keyring lists)
    QByteArray signature;   ///< Ed25519 over canonical(console), 64 bytes; empty when unsigned

    /// Which keys the console believes, as a gateway's status says it (wire::Presence "ck", "ak";
    /// keyringjournal::digestOf): its console keyring and its approver keyring, 16 hex digits each; empty: not said.
    /// Said only in a signed status, under a second signature of its own (`keysSignature`, over canonicalKeys), so that
    /// consoles of earlier releases — which verify `signature` over canonical() and pass these fields over — still
    /// take the status, and nobody can put other digests into a console's status without its key.
    QString consoleKeys{}, approverKeys{};
    QByteArray keysSignature{};   ///< Ed25519 over canonicalKeys(console), 64 bytes; empty when no digest is said

    /// How the console's own recording stands (EventStore::Stats::verdict, as the console judges it): a room whose
    /// wall records nothing (--no-store) must still learn that a desk's audit trail stopped. Said only by a console
    /// that records, only in a signed status, under a third signature of its own (`recordingSignature`, over
    /// canonicalRecording) — consoles of earlier releases pass it over — so that nobody can make a desk that records
    /// nothing look well, or one that records look broken. `recordingWhy`: the store's own words when it records
    /// nothing (at most kMaxRecordingWhyChars), else empty.
    Recording recording = Recording::NotSaid;
    QString recordingWhy{};
    /// Which turn of the console's recording this says (from 1, one more at each turn): a status of one connection
    /// is said again when the recording turns, so a copy of an earlier one ("recording", before it stopped) published
    /// again would otherwise stand. A lower turn than one heard on that connection is a replay.
    std::uint64_t recordingTurn = 0;
    QByteArray recordingSignature{};   ///< Ed25519 over canonicalRecording(console), 64 bytes; empty when not said

    bool isSigned() const { return !signature.isEmpty(); }
    bool saysKeys() const { return !keysSignature.isEmpty(); }
    bool saysRecording() const { return !recordingSignature.isEmpty(); }
    /// The signed bytes. The console is the one the topic names: a status signed for one console cannot be moved to
    /// another's topic.
    QByteArray canonical(const QString &console) const;
    /// What the second signature covers: everything canonical() does, and the two digests.
    QByteArray canonicalKeys(const QString &console) const;
    /// What the third covers: everything canonical() does, the recording's word, its why and its turn.
    QByteArray canonicalRecording(const QString &console) const;
};
/// The word a status says a recording's state with ("recording", "at-risk", "not-recording"); empty for NotSaid.
QString recordingWord(ConsoleStatus::Recording recording);
QByteArray encodeConsoleStatus(const ConsoleStatus &status);
Parsed<ConsoleStatus> decodeConsoleStatus(const QByteArray &payload);

} // namespace cityops::wire
