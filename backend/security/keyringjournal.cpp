#include "security/keyringjournal.h"

#include "security/consolekeyring.h"

#include "base/hexdigits.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>
#include <cmath>

namespace cityops::keyringjournal {
namespace {

/// Whole numbers a JSON number holds exactly (2^53): ids and times in milliseconds are far below it.
constexpr double kLargestExact = 9'007'199'254'740'992.0;

std::optional<std::int64_t> wholeNumber(const QJsonValue &value)
{
    if (!value.isDouble())
        return std::nullopt;
    const double d = value.toDouble();
    if (!std::isfinite(d) || d != std::floor(d) || std::fabs(d) >= kLargestExact)
        return std::nullopt;
    return static_cast<std::int64_t>(d);
}

/// One line of the journal, or an error naming it: every field there, of its type, the change one a keyring can have.
Result<AdminChange> lineAt(const QJsonArray &changes, int index)
{
    const auto where = [index] { return QStringLiteral("line %1 of the keyring's journal").arg(index + 1); };
    if (!changes.at(index).isObject())
        return makeError(QStringLiteral("%1 is not a change").arg(where()));
    const QJsonObject o = changes.at(index).toObject();
    const auto id = wholeNumber(o.value(QLatin1String("id")));
    const auto time = wholeNumber(o.value(QLatin1String("time_ms")));
    for (const char *text : {"by", "what", "name", "detail"})
        if (!o.value(QLatin1String(text)).isString())
            return makeError(QStringLiteral("%1 has no %2").arg(where(), QLatin1String(text)));
    if (!id || !time)
        return makeError(QStringLiteral("%1 has no %2 a change could have").arg(where(), id ? QStringLiteral("time") : QStringLiteral("number")));
    AdminChange c{*id, *time, o.value(QLatin1String("by")).toString(), o.value(QLatin1String("what")).toString(),
                  o.value(QLatin1String("name")).toString(), o.value(QLatin1String("detail")).toString()};
    if (auto ok = adminjournal::check(c, adminjournal::Words::Keyrings); !ok)
        return makeError(QStringLiteral("%1: %2").arg(where(), ok.error()));
    return c;
}

/// The keys a journal's "left" holds, or an error: every name one a keyring can list, every key id 16 hex digits.
Result<Keys> keysIn(const QJsonValue &value)
{
    if (!value.isObject())
        return makeError(QStringLiteral("the keys the keyring's journal says its last change left (\"left\") are not a list of names"));
    Keys keys;
    const QJsonObject o = value.toObject();
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (!ConsoleKeyring::checkName(it.key()) || !hexdigits::isSixteen(it.value().toString()))
            return makeError(QStringLiteral("the keys the keyring's journal says its last change left (\"left\") cannot be: %1").arg(it.key().left(64)));
        keys.emplace(it.key(), it.value().toString());
    }
    return keys;
}

struct Whole {
    QString journalId;
    QJsonArray changes;
};

/// The journal's id and lines, the lines checked (`checkLines`) as they must stand: each a change, numbered upwards.
Result<Whole> open(const QJsonValue &journal, bool checkLines)
{
    if (journal.isUndefined())
        return Whole{};
    const QJsonObject o = journal.toObject();
    const QString id = o.value(QLatin1String("id")).toString();
    if (!journal.isObject() || !hexdigits::isSixteen(id) || !o.value(QLatin1String("changes")).isArray())
        return makeError(QStringLiteral("the keyring's journal is not one (it needs an \"id\" of 16 hex digits and a \"changes\" list)"));
    Whole whole{id, o.value(QLatin1String("changes")).toArray()};
    if (checkLines) {
        std::int64_t last = 0;
        for (int i = 0; i < whole.changes.size(); ++i) {
            auto line = lineAt(whole.changes, i);
            if (!line)
                return Error{line.error()};
            if (line.value().id <= last)
                return makeError(QStringLiteral("line %1 of the keyring's journal is numbered out of order").arg(i + 1));
            last = line.value().id;
        }
        if (o.contains(QLatin1String("left")))
            if (auto keys = keysIn(o.value(QLatin1String("left"))); !keys)
                return Error{keys.error()};
    }
    return whole;
}

} // namespace

Keys keysOf(const ConsoleKeyring &keyring)
{
    Keys keys;
    for (const ConsoleKeyring::Entry &e : keyring.entries())
        keys.emplace(e.name, e.keyId);
    return keys;
}

Status write(QJsonValue &journal, AdminChange change, std::int64_t nowMs, const Keys &left)
{
    auto whole = open(journal, true);
    if (!whole)
        return makeError(QStringLiteral("%1: the change is not made, so that nothing the journal holds is lost unrecorded; mend or "
                                        "remove its \"journal\"")
                             .arg(whole.error()));
    Whole &w = whole.value();
    if (w.journalId.isEmpty())
        w.journalId = adminjournal::drawJournalId();
    change.id = w.changes.isEmpty() ? 1 : std::int64_t(w.changes.last().toObject().value(QLatin1String("id")).toDouble()) + 1;
    if (double(change.id) >= kLargestExact)
        return makeError(QStringLiteral("the keyring's journal has numbered all the changes it can: start a new one (remove its \"journal\")"));
    change.timeMs = nowMs;
    if (auto ok = adminjournal::check(change, adminjournal::Words::Keyrings); !ok)
        return makeError(QStringLiteral("not written to the keyring's journal: %1 %2 by %3").arg(change.what, change.name, change.by));
    w.changes.append(QJsonObject{{QStringLiteral("id"), double(change.id)},
                                 {QStringLiteral("time_ms"), double(change.timeMs)},
                                 {QStringLiteral("by"), change.by},
                                 {QStringLiteral("what"), change.what},
                                 {QStringLiteral("name"), change.name},
                                 {QStringLiteral("detail"), change.detail}});
    while (w.changes.size() > kKept)
        w.changes.removeFirst();
    QJsonObject keys;
    for (const auto &[name, keyId] : left)
        keys.insert(name, keyId);
    journal = QJsonObject{{QStringLiteral("id"), w.journalId}, {QStringLiteral("changes"), w.changes}, {QStringLiteral("left"), keys}};
    return Ok{};
}

Result<std::optional<Left>> left(const QJsonValue &journal)
{
    auto whole = open(journal, false);
    if (!whole)
        return Error{whole.error()};
    const QJsonValue keys = journal.toObject().value(QLatin1String("left"));
    if (whole.value().changes.isEmpty() || keys.isUndefined())
        return std::optional<Left>{};
    const auto change = wholeNumber(whole.value().changes.last().toObject().value(QLatin1String("id")));
    if (!change)
        return Error{lineAt(whole.value().changes, int(whole.value().changes.size()) - 1).error()};
    auto held = keysIn(keys);
    if (!held)
        return Error{held.error()};
    return std::optional<Left>{Left{*change, std::move(held).value()}};
}

QString differences(const Keys &before, const Keys &now, int shown)
{
    QStringList said;
    for (const auto &[name, keyId] : now) {
        const auto was = before.find(name);
        if (was == before.end())
            said << QStringLiteral("%1 added (key %2)").arg(name, keyId);
        else if (was->second != keyId)
            said << QStringLiteral("%1's key replaced (%2 in place of %3)").arg(name, keyId, was->second);
    }
    for (const auto &[name, keyId] : before)
        if (!now.count(name))
            said << QStringLiteral("%1 removed (key %2)").arg(name, keyId);
    if (said.size() > shown) {
        const qsizetype more = said.size() - shown;
        said.resize(shown);
        said << QStringLiteral("%1 more").arg(more);
    }
    return said.join(QStringLiteral("; "));
}

QString digest(const Keys &keys)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const auto &[name, keyId] : keys)
        hash.addData((name + QLatin1Char('\t') + keyId + QLatin1Char('\n')).toUtf8());
    return hexdigits::sixteenOf(hash.result());
}

QString digestOf(const ConsoleKeyring *keyring, const QString &alsoKeyId)
{
    Keys keys = keyring ? keysOf(*keyring) : Keys{};
    if (!alsoKeyId.isEmpty() && std::none_of(keys.begin(), keys.end(), [&](const auto &held) { return held.second == alsoKeyId; }))
        keys.emplace(QLatin1String(kAlsoBelieved), alsoKeyId);
    return digest(keys);
}

Result<adminjournal::Read> read(const QJsonValue &journal, std::int64_t afterId, int limit)
{
    auto whole = open(journal, false);
    if (!whole)
        return Error{whole.error()};
    adminjournal::Read out;
    out.journalId = whole.value().journalId;
    if (limit <= 0)
        return out;
    // Every line's number is read, in order; the lines returned are checked whole (those before were when they were
    // read), as the accounts' journal checks the rows it returns.
    const QJsonArray &changes = whole.value().changes;
    std::int64_t last = 0;
    for (int i = 0; i < changes.size(); ++i) {
        const auto id = wholeNumber(changes.at(i).toObject().value(QLatin1String("id")));
        if (!id || *id <= afterId) {
            if (!id)
                return Error{lineAt(changes, i).error()};
        } else if (int(out.changes.size()) == limit) {
            out.more = true;
            break;
        } else {
            auto line = lineAt(changes, i);
            if (!line)
                return Error{line.error()};
            out.changes.push_back(std::move(line).value());
        }
        if (*id <= last)
            return makeError(QStringLiteral("line %1 of the keyring's journal is numbered out of order").arg(i + 1));
        last = *id;
    }
    return out;
}

} // namespace cityops::keyringjournal
