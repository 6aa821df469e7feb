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

    bool isSigned() const { return !signature.isEmpty(); }
    bool saysKeys() const { return !keysSignature.isEmpty(); }
    /// The signed bytes. The console is the one the topic names: a status signed for one console cannot be moved to
    /// another's topic.
    QByteArray canonical(const QString &console) const;
    /// What the second signature covers: everything canonical() does, and the two digests.
    QByteArray canonicalKeys(const QString &console) const;
};
QByteArray encodeConsoleStatus(const ConsoleStatus &status);
Parsed<ConsoleStatus> decodeConsoleStatus(const QByteArray &payload);

} // namespace cityops::wire
