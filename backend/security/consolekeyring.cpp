#include "security/consolekeyring.h"

#include "base/trustfile.h"
#include "security/userdirectory.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>
#include <QStringList>

#include <algorithm>

namespace cityops {
namespace {

QString listName(ConsoleKeyring::Kind kind) { return kind == ConsoleKeyring::Kind::Consoles ? QStringLiteral("consoles") : QStringLiteral("approvers"); }
QString what(ConsoleKeyring::Kind kind) { return kind == ConsoleKeyring::Kind::Consoles ? QStringLiteral("console keyring") : QStringLiteral("approver keyring"); }

} // namespace

QString ConsoleKeyring::dataFolder()
{
    // The console's data folder, spelled out so that cityops-admin (another application) finds the same files.
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + QStringLiteral("/CityOps/cityops");
}

QString ConsoleKeyring::defaultPath(Kind kind)
{
    return dataFolder() + QLatin1Char('/') + listName(kind) + QStringLiteral(".json");
}

Status ConsoleKeyring::checkName(const QString &name)
{
    if (name.isEmpty() || name.size() > 64)
        return makeError(QStringLiteral("a console name has 1 to 64 characters"));
    for (QChar c : name) {
        if (c == QLatin1Char('/') || c == QLatin1Char('+') || c == QLatin1Char('#') || c.isSpace() || !c.isPrint())
            return makeError(QStringLiteral("\"%1\" is not a valid console name: no /, +, #, spaces or control characters").arg(name.left(64)));
    }
    return Ok{};
}

Status ConsoleKeyring::add(const QString &name, const QByteArray &publicKeyPem)
{
    if (auto ok = checkName(name); !ok)
        return ok;
    // An approver is named as they sign in: "Sven" would never match the supervisor "sven", whose every approval the
    // devices would then refuse as by someone they do not know.
    if (m_kind == Kind::Approvers)
        if (auto ok = UserDirectory::checkName(name); !ok)
            return makeError(QStringLiteral("an approver is named by their sign-in name: %1").arg(ok.error()));
    auto verifier = CommandVerifier::fromPublicKeyPem(publicKeyPem);
    if (!verifier)
        return makeError(QStringLiteral("the key for %1 is not an Ed25519 public key: %2").arg(name, verifier.error()));
    Keyed keyed{{name, publicKeyPem.trimmed() + '\n', verifier.value().keyId()}, std::make_shared<CommandVerifier>(std::move(verifier).value())};
    if (const Entry *holder = entryForKey(keyed.entry.keyId); holder && holder->name != name)
        return makeError(QStringLiteral("%1 has the key of %2: each %3 needs a key of their own, or one could sign as the other")
                             .arg(name, holder->name, m_kind == Kind::Consoles ? QStringLiteral("console") : QStringLiteral("approver")));
    for (Keyed &k : m_entries) {
        if (k.entry.name == name) {
            k = std::move(keyed);
            return Ok{};
        }
    }
    if (m_entries.size() >= 0xfffe)
        return makeError(QStringLiteral("the keyring is full"));
    m_entries.push_back(std::move(keyed));
    return Ok{};
}

bool ConsoleKeyring::remove(const QString &name)
{
    const auto it = std::find_if(m_entries.begin(), m_entries.end(), [&](const Keyed &k) { return k.entry.name == name; });
    if (it == m_entries.end())
        return false;
    m_entries.erase(it);
    return true;
}

const ConsoleKeyring::Keyed *ConsoleKeyring::named(const QString &name) const
{
    const auto it = std::find_if(m_entries.begin(), m_entries.end(), [&](const Keyed &k) { return k.entry.name == name; });
    return it == m_entries.end() ? nullptr : &*it;
}

const ConsoleKeyring::Keyed *ConsoleKeyring::withKey(const QString &keyId) const
{
    const auto it = std::find_if(m_entries.begin(), m_entries.end(), [&](const Keyed &k) { return k.entry.keyId == keyId; });
    return it == m_entries.end() ? nullptr : &*it;
}

const CommandVerifier *ConsoleKeyring::verifierFor(const QString &console) const
{
    const Keyed *k = named(console);
    return k ? k->verifier.get() : nullptr;
}

const ConsoleKeyring::Entry *ConsoleKeyring::entryForKey(const QString &keyId) const
{
    const Keyed *k = withKey(keyId);
    return k ? &k->entry : nullptr;
}

const CommandVerifier *ConsoleKeyring::verifierForKey(const QString &keyId) const
{
    const Keyed *k = withKey(keyId);
    return k ? k->verifier.get() : nullptr;
}

QString ConsoleKeyring::changesFrom(const ConsoleKeyring &before) const
{
    QStringList changes;
    for (const Keyed &k : m_entries) {
        const Keyed *was = before.named(k.entry.name);
        if (!was)
            changes << QStringLiteral("%1 added").arg(k.entry.name);
        else if (was->entry.keyId != k.entry.keyId)
            changes << QStringLiteral("%1's key replaced").arg(k.entry.name);
    }
    for (const Keyed &b : before.m_entries)
        if (!named(b.entry.name))
            changes << QStringLiteral("%1 removed").arg(b.entry.name);
    return changes.join(QStringLiteral("; "));
}

std::vector<ConsoleKeyring::Entry> ConsoleKeyring::entries() const
{
    std::vector<Entry> out;
    for (const Keyed &k : m_entries)
        out.push_back(k.entry);
    return out;
}

Result<ConsoleKeyring> ConsoleKeyring::load(const QString &path, bool missingIsEmpty, Kind kind)
{
    QFile file(path);
    if (!file.exists()) {
        if (missingIsEmpty)
            return ConsoleKeyring(kind);
        return makeError(QStringLiteral("the %1 %2 does not exist").arg(what(kind), path));
    }
    // Whoever can change the file — or the folder it is in — can add a key and speak for a console or a supervisor.
    auto text = trustfile::read(path, QStringLiteral("the ") + what(kind), qint64(4) * 1024 * 1024);
    if (!text)
        return Error{text.error()};
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(text.value(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return makeError(QStringLiteral("the %1 %2 is not valid JSON: %3").arg(what(kind), path, error.errorString()));
    const QJsonObject root = doc.object();
    if (root.value(QStringLiteral("v")).toInt() != 1 || !root.value(listName(kind)).isArray())
        return makeError(QStringLiteral("%1 is not a CityOps %2 (it needs \"v\":1 and a \"%3\" list)").arg(path, what(kind), listName(kind)));
    ConsoleKeyring keyring(kind);
    int index = 0;
    for (const QJsonValue &v : root.value(listName(kind)).toArray()) {
        ++index;
        const QJsonObject o = v.toObject();
        const QString name = o.value(QStringLiteral("name")).toString();
        if (keyring.verifierFor(name))
            return makeError(QStringLiteral("%1: %2 is listed twice").arg(path, name));
        if (auto added = keyring.add(name, o.value(QStringLiteral("key")).toString().toLatin1()); !added)
            return makeError(QStringLiteral("%1, entry %2: %3").arg(path).arg(index).arg(added.error()));
    }
    keyring.m_journal = root.value(QStringLiteral("journal"));
    return keyring;
}

Status ConsoleKeyring::save(const QString &path) const
{
    QJsonArray consoles;
    for (const Keyed &k : m_entries)
        consoles.append(QJsonObject{{QStringLiteral("name"), k.entry.name}, {QStringLiteral("key"), QString::fromLatin1(k.entry.publicKeyPem)}});
    QJsonObject root{{QStringLiteral("v"), 1}, {listName(m_kind), consoles}};
    if (!m_journal.isUndefined())
        root.insert(QStringLiteral("journal"), m_journal);
    // A keyring written where others could replace it would be refused by every console that reads it.
    if (auto place = trustfile::checkPlace(path, QStringLiteral("the ") + what(m_kind)); !place)
        return place;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return makeError(QStringLiteral("cannot write the %1 %2: %3").arg(what(m_kind), path, file.errorString()));
    file.write(QJsonDocument(root).toJson(QJsonDocument::Indented));
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther);
    if (!file.commit())
        return makeError(QStringLiteral("cannot write the %1 %2: %3").arg(what(m_kind), path, file.errorString()));
    return Ok{};
}

} // namespace cityops
