// The LDAP mapping (which directory groups give which role, which attribute names a district) and the filter escape:
// what a city's directory is read as, apart from talking to it. Split from ldapdirectory.cpp.
#include "security/ldapdirectory.h"

#include "base/jsonkeys.h"
#include "base/secretfile.h"
#include "base/trustfile.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace cityops {

QString ldapFilterEscape(const QString &value)
{
    QString out;
    out.reserve(value.size());
    for (const QChar c : value) {
        switch (c.unicode()) {
        case '*': out += QLatin1String("\\2a"); break;
        case '(': out += QLatin1String("\\28"); break;
        case ')': out += QLatin1String("\\29"); break;
        case '\\': out += QLatin1String("\\5c"); break;
        case 0: out += QLatin1String("\\00"); break;
        default: out += c;
        }
    }
    return out;
}

Result<LdapMapping> LdapMapping::fromJson(const QByteArray &json, const QString &source)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return makeError(QStringLiteral("%1 is not valid JSON: %2 at byte %3").arg(source, parseError.errorString()).arg(parseError.offset));
    if (!doc.isObject())
        return makeError(QStringLiteral("%1 must hold one JSON object").arg(source));
    const QJsonObject o = doc.object();
    static const QStringList known{QStringLiteral("userDn"), QStringLiteral("groupBase"), QStringLiteral("groupFilter"),
                                   QStringLiteral("groupAttribute"), QStringLiteral("caFile"), QStringLiteral("startTls"),
                                   QStringLiteral("timeoutSeconds"), QStringLiteral("lookupDn"), QStringLiteral("lookupPasswordFile"),
                                   QStringLiteral("groups")};
    if (const QString key = jsonkeys::firstUnknown(o, known); !key.isEmpty())
        return makeError(QStringLiteral("%1: unknown key \"%2\" (known: %3)").arg(source, key, known.join(QStringLiteral(", "))));
    LdapMapping m;
    const auto text = [&](const char *key, QString *into) -> Status {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined())
            return Ok{};
        if (!v.isString() || v.toString().trimmed().isEmpty())
            return makeError(QStringLiteral("%1: \"%2\" must be a non-empty string").arg(source, QLatin1String(key)));
        *into = v.toString().trimmed();
        return Ok{};
    };
    for (auto [key, into] : {std::pair{"userDn", &m.userDn}, std::pair{"groupBase", &m.groupBase}, std::pair{"groupFilter", &m.groupFilter},
                             std::pair{"groupAttribute", &m.groupAttribute}, std::pair{"caFile", &m.caFile}, std::pair{"lookupDn", &m.lookupDn},
                             std::pair{"lookupPasswordFile", &m.lookupPasswordFile}})
        if (auto s = text(key, into); !s)
            return makeError(s.error());
    if (!m.userDn.contains(QLatin1String("{user}")))
        return makeError(QStringLiteral("%1: \"userDn\" must contain {user}").arg(source));
    if (!m.groupFilter.contains(QLatin1String("{dn}")))
        return makeError(QStringLiteral("%1: \"groupFilter\" must contain {dn}").arg(source));
    if (m.lookupDn.isEmpty() != m.lookupPasswordFile.isEmpty())
        return makeError(QStringLiteral("%1: \"lookupDn\" and \"lookupPasswordFile\" go together").arg(source));
    if (!m.lookupPasswordFile.isEmpty())
        if (auto secret = secretfile::checkPrivate(m.lookupPasswordFile); !secret)
            return makeError(QStringLiteral("%1: %2").arg(source, secret.error()));
    // The CA decides which server gets people's passwords: one others could change is not believed.
    if (!m.caFile.isEmpty() && !QFileInfo(m.caFile).isReadable())
        return makeError(QStringLiteral("%1: the CA file %2 cannot be read").arg(source, m.caFile));
    if (!m.caFile.isEmpty())
        if (auto trusted = trustfile::check(m.caFile, QStringLiteral("the LDAP server's CA certificate")); !trusted)
            return makeError(QStringLiteral("%1: %2").arg(source, trusted.error()));
    if (o.contains(QLatin1String("startTls"))) {
        if (!o.value(QLatin1String("startTls")).isBool())
            return makeError(QStringLiteral("%1: \"startTls\" must be true or false").arg(source));
        m.startTls = o.value(QLatin1String("startTls")).toBool();
    }
    if (o.contains(QLatin1String("timeoutSeconds"))) {
        const QJsonValue v = o.value(QLatin1String("timeoutSeconds"));
        if (!v.isDouble() || v.toDouble() != double(v.toInt()) || v.toInt() < 1 || v.toInt() > 60)
            return makeError(QStringLiteral("%1: \"timeoutSeconds\" must be a whole number from 1 to 60").arg(source));
        m.timeoutSeconds = v.toInt();
    }
    const QJsonValue groups = o.value(QLatin1String("groups"));
    if (!groups.isObject() || groups.toObject().isEmpty())
        return makeError(QStringLiteral("%1: \"groups\" must map at least one directory group to a role").arg(source));
    const QJsonObject g = groups.toObject();
    for (auto it = g.begin(); it != g.end(); ++it) {
        const QJsonObject grant = it.value().toObject();
        Grant out;
        if (!it.value().isObject() || !roleFromName(grant.value(QLatin1String("role")).toString(), &out.role))
            return makeError(QStringLiteral("%1: group \"%2\" needs a \"role\": viewer, responder, operator, supervisor or admin").arg(source, it.key()));
        if (const QString key = jsonkeys::firstUnknown(grant, {QStringLiteral("role"), QStringLiteral("districts")}); !key.isEmpty())
            return makeError(QStringLiteral("%1: group \"%2\": unknown key \"%3\"").arg(source, it.key(), key));
        const QJsonValue districts = grant.value(QLatin1String("districts"));
        if (!districts.isUndefined() && !districts.isArray())
            return makeError(QStringLiteral("%1: group \"%2\": \"districts\" must be a list of names").arg(source, it.key()));
        for (const QJsonValue d : districts.toArray()) {
            if (!d.isString() || d.toString().trimmed().isEmpty())
                return makeError(QStringLiteral("%1: group \"%2\": \"districts\" must be a list of names").arg(source, it.key()));
            out.districts << d.toString().trimmed();
        }
        if (out.role == Role::Responder && out.districts.isEmpty())
            return makeError(QStringLiteral("%1: group \"%2\" makes responders but names no districts").arg(source, it.key()));
        // Groups are matched without case: "Ops" and "ops" would be one group, and which grant won would depend on
        // the order the keys happen to be read in.
        if (it.key().trimmed().isEmpty())
            return makeError(QStringLiteral("%1: a group needs a name").arg(source));
        if (m.groups.contains(it.key().toLower()))
            return makeError(QStringLiteral("%1: group \"%2\" is named twice (group names are compared without case)").arg(source, it.key()));
        m.groups.insert(it.key().toLower(), out);
    }
    return m;
}

Status LdapMapping::checkDistricts(const QStringList &districtNames, const QString &source) const
{
    for (auto it = groups.begin(); it != groups.end(); ++it)
        for (const QString &d : it->districts)
            if (!districtNames.contains(d, Qt::CaseInsensitive))
                return makeError(QStringLiteral("%1: group \"%2\" names the district \"%3\", which this city does not have (its districts: %4)")
                                     .arg(source, it.key(), d, districtNames.isEmpty() ? QStringLiteral("none") : districtNames.join(QStringLiteral(", "))));
    return Ok{};
}

Result<LdapMapping> LdapMapping::load(const QString &path)
{
    // The mapping decides who gets which role: a file (or folder) others may change is not believed.
    auto text = trustfile::read(path, QStringLiteral("the LDAP mapping"), 1 << 20);
    if (!text)
        return Error{text.error()};
    return fromJson(text.value(), path);
}

} // namespace cityops
