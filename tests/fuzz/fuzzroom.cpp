// The files the control room's own administrator writes: the video wall's layout, the LDAP group-to-role mapping and
// the keyrings of consoles and approvers. Hand-written, so typos and half-edited files are their usual damage.
#include "fuzzcommon.h"

#include "security/commandsigner.h"
#include "security/consolekeyring.h"
#include "security/keyringjournal.h"
#include "security/ldapdirectory.h"
#include "wall/walllayout.h"

#include <QFile>

#include <cmath>
#include <set>

namespace cityops::fuzz {

namespace {

enum Selector : char { kWall = 0, kLdap = 1, kConsoles = 2, kApprovers = 3, kSelectors = 4 };

/// A layout the wall can be built from: every tile on the grid, no panel shown twice, a district map's district one
/// of the city's, type readable from where people sit that fits on a panel.
Outcome checkWall(const QByteArray &text)
{
    const QStringList districts = city().districtNames();
    auto parsed = WallLayout::fromJson(text, districts);
    if (!parsed)
        return kRefused;
    const WallLayout &l = parsed.value();
    if (l.rows < 1 || l.columns < 1 || l.tiles.empty())
        return broken("a wall layout accepted without panels or tiles");
    const QRect wall(QPoint(0, 0), l.wallSize());
    std::set<std::pair<int, int>> shown;
    for (const WallTileSpec &t : l.tiles) {
        if (t.row < 0 || t.column < 0 || t.rowSpan < 1 || t.columnSpan < 1 || t.row + t.rowSpan > l.rows || t.column + t.columnSpan > l.columns)
            return broken("a wall layout accepted with a tile off its grid");
        if (!wall.contains(l.tileRect(t)))
            return broken("a wall layout accepted with a tile beyond the wall's desktop");
        for (int r = t.row; r < t.row + t.rowSpan; ++r)
            for (int c = t.column; c < t.column + t.columnSpan; ++c)
                if (!shown.insert({r, c}).second)
                    return broken("a wall layout accepted with two tiles on one panel");
        if (t.kind == WallTileKind::DistrictMap ? (t.district < 0 || t.district >= districts.size()) : t.district != -1)
            return broken("a wall layout accepted with a district the city does not have");
        if (t.rotateSeconds != 0 && (t.kind != WallTileKind::DistrictMap || t.rotateSeconds < 5))
            return broken("a wall layout accepted with a rotation no one could read");
        if (l.wiring == WallLayout::Wiring::Screens && (t.rowSpan > 1 || t.columnSpan > 1))
            return broken("a wall layout accepted with a tile spanning screens it cannot span");
    }
    const int capPx = wallsizing::minCharHeightPx(l);
    if (capPx < 1 || capPx * WallLayout::kLinesAPanelHolds > l.panelHeightPx)
        return broken("a wall layout accepted whose type does not fit its panels", QString::number(capPx));
    return kKept;
}

/// A mapping the directory can be asked with: placeholders where they are filled in, every group a role, a
/// responder's districts named, groups distinct as they are compared (without case).
Outcome checkLdap(const QByteArray &text)
{
    auto parsed = LdapMapping::fromJson(text, QStringLiteral("fuzz.json"));
    if (!parsed)
        return kRefused;
    const LdapMapping &m = parsed.value();
    if (!m.userDn.contains(QLatin1String("{user}")) || !m.groupFilter.contains(QLatin1String("{dn}")))
        return broken("an LDAP mapping accepted without its placeholders");
    if (m.groupAttribute.trimmed().isEmpty() || m.groupBase.trimmed().isEmpty())
        return broken("an LDAP mapping accepted with an empty group attribute or base");
    if (m.timeoutSeconds < 1 || m.timeoutSeconds > 60)
        return broken("an LDAP mapping accepted with a timeout out of range");
    if (m.lookupDn.isEmpty() != m.lookupPasswordFile.isEmpty())
        return broken("an LDAP mapping accepted with half a lookup account");
    if (m.groups.isEmpty())
        return broken("an LDAP mapping accepted that gives nobody a role");
    for (auto it = m.groups.begin(); it != m.groups.end(); ++it) {
        if (it.key().trimmed().isEmpty() || it.key() != it.key().toLower())
            return broken("an LDAP mapping accepted with a group name that cannot match", it.key());
        if (it->role == Role::Responder && it->districts.isEmpty())
            return broken("an LDAP mapping accepted with responders of no district", it.key());
        for (const QString &d : it->districts)
            if (d.trimmed().isEmpty() || d != d.trimmed())
                return broken("an LDAP mapping accepted with a district name that cannot match", d);
    }
    return kKept;
}

/// A keyring the console can keep: what it reads it writes back, and reads back the same keys in the same order
/// (the order is the origin tag events carry); its journal reads back the same, and cityops-admin writes a line to a
/// journal exactly when it can be read whole.
Outcome checkKeyring(const QByteArray &text, ConsoleKeyring::Kind kind)
{
    const QString path = scratch().filePath(QStringLiteral("keyring.json"));
    {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(text) != text.size()
            || !file.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther))
            return broken("cannot write the keyring to try");
    }
    auto first = ConsoleKeyring::load(path, false, kind);
    if (!first)
        return kRefused;
    for (const ConsoleKeyring::Entry &e : first.value().entries()) {
        if (!ConsoleKeyring::checkName(e.name))
            return broken("a keyring accepted with a name it would refuse to add", e.name);
        if (!first.value().verifierFor(e.name) || first.value().entryForKey(e.keyId)->name != e.name)
            return broken("a keyring accepted whose names do not lead back to their keys", e.name);
    }
    const QString again = scratch().filePath(QStringLiteral("keyring-again.json"));
    if (auto saved = first.value().save(again); !saved)
        return broken("a keyring accepted, but it cannot be written", saved.error());
    auto second = ConsoleKeyring::load(again, false, kind);
    if (!second)
        return broken("a keyring accepted, but its own file is refused", second.error());
    const auto a = first.value().entries(), b = second.value().entries();
    if (a.size() != b.size())
        return broken("a keyring accepted, but its file reads back with other entries");
    for (size_t i = 0; i < a.size(); ++i)
        if (a[i].name != b[i].name || a[i].publicKeyPem != b[i].publicKeyPem || a[i].keyId != b[i].keyId)
            return broken("a keyring accepted, but its file reads back with other keys", a[i].name);
    const int all = 1 << 20;   // more lines than a keyring of 4 MiB can hold
    const auto journal = keyringjournal::read(first.value().journal(), 0, all);
    const auto journalAgain = keyringjournal::read(second.value().journal(), 0, all);
    if (bool(journal) != bool(journalAgain)
        || (journal && (journal.value().journalId != journalAgain.value().journalId || journal.value().changes != journalAgain.value().changes)))
        return broken("a keyring's journal reads back otherwise");
    const auto left = keyringjournal::left(first.value().journal());
    QJsonValue written = first.value().journal();
    const keyringjournal::Keys keys = keyringjournal::keysOf(first.value());
    const bool wrote = keyringjournal::write(written, {0, 0, QStringLiteral("root@fuzz"), QStringLiteral("console-add"), QStringLiteral("desk-9"), {}}, 1, keys)
                           .ok();
    if (wrote != (journal && left))
        return broken(wrote ? "a line written to a keyring's journal that cannot be read" : "a keyring's journal read whole refuses a line",
                      !journal ? journal.error() : !left ? left.error() : QString());
    if (wrote && !keyringjournal::read(written, 0, all))
        return broken("a keyring's journal unreadable after a line was written");
    if (const auto leftNow = keyringjournal::left(written); wrote && !(leftNow && leftNow.value() && leftNow.value()->keys == keys))
        return broken("a keyring's journal does not read back the keys its last line left");
    return kKept;
}

} // namespace

Outcome checkRoomFile(const QByteArray &input)
{
    if (input.isEmpty())
        return kRefused;
    const QByteArray text = input.mid(1);
    switch (std::uint8_t(input[0]) % kSelectors) {
    case kWall: return checkWall(text);
    case kLdap: return checkLdap(text);
    case kConsoles: return checkKeyring(text, ConsoleKeyring::Kind::Consoles);
    default: return checkKeyring(text, ConsoleKeyring::Kind::Approvers);
    }
}

std::vector<QByteArray> roomFileSeeds()
{
    std::vector<QByteArray> seeds;
    const QByteArray district = city().districtNames().value(0).toUtf8();
    seeds.push_back(char(kWall) + QByteArray(R"({"wiring":"spanned","rows":2,"columns":3,"bezelPx":6,"viewingDistanceM":6,
        "panel":{"diagonalInches":55,"widthPx":1920,"heightPx":1080},"staleAfterSeconds":30,
        "tiles":[{"kind":"city-map","row":0,"column":0,"columnSpan":2},{"kind":"incidents","row":0,"column":2},
                 {"kind":"energy","row":1,"column":0},{"kind":"alarms","row":1,"column":1},{"kind":"key-figures","row":1,"column":2}]})"));
    seeds.push_back(char(kWall) + QByteArray(R"({"wiring":"screens","rows":1,"columns":3,"tiles":[{"kind":"district-map","row":0,"column":0,"district":")")
                    + district + R"(","rotateSeconds":30},{"kind":"clock","row":0,"column":1},{"kind":"district-map","row":0,"column":2,"rotateSeconds":10}]})");
    seeds.push_back(char(kLdap) + QByteArray(R"json({"userDn":"uid={user},ou=people,{base}","groupBase":"ou=groups,{base}",
        "groupFilter":"(&(objectClass=groupOfNames)(member={dn}))","groupAttribute":"cn","startTls":true,"timeoutSeconds":5,
        "groups":{"cityops-supervisors":{"role":"supervisor"},"north-responders":{"role":"responder","districts":["North","East"]},
                  "cityops-viewers":{"role":"viewer"}}})json"));
    seeds.push_back(char(kLdap) + QByteArray(R"({"groups":{"ops":{"role":"operator"}}})"));
    for (auto [selector, list] : {std::pair{kConsoles, "consoles"}, std::pair{kApprovers, "approvers"}}) {
        QByteArray entries;
        for (const char *name : {"desk-1", "desk-2"}) {
            QByteArray pem = CommandSigner::generate().publicKeyPem();
            pem.replace("\n", "\\n");
            entries += QByteArray(entries.isEmpty() ? "" : ",") + R"({"name":")" + name + R"(","key":")" + pem + R"("})";
        }
        seeds.push_back(char(selector) + QByteArray(R"({"v":1,")") + list + R"(":[)" + entries + "]}");
        seeds.push_back(char(selector) + QByteArray(R"({"v":1,")") + list + R"(":[)" + entries
                        + R"(],"journal":{"id":"5f0c1d2e3a4b5c6d","changes":[{"id":1,"time_ms":1764000000000,"by":"root@ops-1",)"
                          R"("what":"console-add","name":"desk-1","detail":"key 1a2b3c4d5e6f7a8b"},{"id":2,"time_ms":1764000060000,)"
                          R"("by":"root@ops-1","what":"approver-remove","name":"sven","detail":""}]}})");
        seeds.push_back(char(selector) + QByteArray(R"({"v":1,")") + list + R"(":[]})");
    }
    return seeds;
}

} // namespace cityops::fuzz
