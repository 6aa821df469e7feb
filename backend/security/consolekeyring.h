#pragma once

#include "base/result.h"
#include "security/commandsigner.h"

#include <QByteArray>
#include <QJsonValue>
#include <QString>

#include <map>
#include <memory>
#include <vector>

namespace cityops {

/// The consoles this console believes on the broker: each console's name and its Ed25519 public key, as an admin
/// distributes them (`cityops-admin console add NAME PUBKEY-FILE`, docs/SECURITY.md). Operations from a console
/// that is not listed, or whose signature does not verify with the listed key, are refused.
///
/// The file is JSON: `{"v":1,"consoles":[{"name":"desk-1","key":"-----BEGIN PUBLIC KEY-----…"}]}`. Its secrecy does not
/// matter, its integrity does: a keyring that its group or anyone else may write is refused (whoever can add a line can
/// speak for a console).
class ConsoleKeyring {
public:
    struct Entry {
        QString name;
        QByteArray publicKeyPem;
        QString keyId;
    };

    /// Whose keys: consoles (operations between consoles) or approvers (supervisors whose approval a device takes for a
    /// high-risk command; the file is then `{"v":1,"approvers":[…]}`, names are sign-in names).
    enum class Kind { Consoles, Approvers };

    explicit ConsoleKeyring(Kind kind = Kind::Consoles) : m_kind(kind) {}

    /// Reads a keyring file; a missing file is an empty keyring when `missingIsEmpty`, an error otherwise.
    static Result<ConsoleKeyring> load(const QString &path, bool missingIsEmpty = false, Kind kind = Kind::Consoles);
    /// Writes the keyring atomically (the old file stays whole if anything fails), mode 0644.
    Status save(const QString &path) const;
    /// Where the console and cityops-admin keep it unless told otherwise: consoles.json (approvers.json) in the
    /// console's data folder.
    static QString defaultPath(Kind kind = Kind::Consoles);
    /// The console's data folder (the same for the console and cityops-admin).
    static QString dataFolder();

    /// Validates a console name as the broker and the command line take it: 1 to 64 characters without / + # or spaces.
    static Status checkName(const QString &name);
    /// Adds or replaces a console's key (PEM SubjectPublicKeyInfo, Ed25519 only). A key already listed under another
    /// name is refused: whoever holds it could speak for both (a console for another, a supervisor approving as another).
    Status add(const QString &name, const QByteArray &publicKeyPem);
    bool remove(const QString &name);

    /// The key `console` signs with, or null when the console is not in the keyring.
    const CommandVerifier *verifierFor(const QString &console) const;
    /// Who signs with the key `keyId` (CommandVerifier::keyId), or null when nobody listed does.
    const Entry *entryForKey(const QString &keyId) const;
    /// The key behind `keyId`, or null when nobody listed signs with it.
    const CommandVerifier *verifierForKey(const QString &keyId) const;
    /// What changed from `before`, in words for the log ("desk-2 added; sven removed; kai's key replaced"); empty when
    /// the same names hold the same keys.
    QString changesFrom(const ConsoleKeyring &before) const;
    std::vector<Entry> entries() const;
    /// The administrators' journal of changes to this keyring, as the file holds it (security/keyringjournal.h): kept
    /// as read and saved with the keys; undefined when the file has none. Its lines are checked only by whoever reads
    /// them — a keyring's keys are believed whatever its journal holds.
    const QJsonValue &journal() const { return m_journal; }
    QJsonValue &journal() { return m_journal; }
    bool isEmpty() const { return m_entries.empty(); }
    size_t size() const { return m_entries.size(); }

private:
    struct Keyed {
        Entry entry;
        std::shared_ptr<CommandVerifier> verifier;
    };
    const Keyed *named(const QString &name) const;
    const Keyed *withKey(const QString &keyId) const;

    Kind m_kind = Kind::Consoles;
    std::vector<Keyed> m_entries;   ///< in the order added (and saved)
    QJsonValue m_journal{QJsonValue::Undefined};
};

} // namespace cityops
