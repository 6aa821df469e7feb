#include "brokeraccess.h"

#include "base/secretfile.h"
#include "base/trustfile.h"

#include "security/consolekeyring.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSaveFile>
#include <QSet>

#include <openssl/evp.h>
#include <openssl/rand.h>

namespace cityops {
namespace {

constexpr int kIterations = 10'000;
const QString kRoot = QStringLiteral("cityops/v1");

QJsonObject acl(const char *type, const QString &topic)
{
    return QJsonObject{{QStringLiteral("acltype"), QString::fromLatin1(type)}, {QStringLiteral("topic"), topic}, {QStringLiteral("allow"), true}};
}

QJsonObject role(const QString &name, const QJsonArray &acls)
{
    return QJsonObject{{QStringLiteral("rolename"), name}, {QStringLiteral("acls"), acls}};
}

QByteArray randomBytes(int n)
{
    QByteArray out(n, '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char *>(out.data()), n) != 1)
        qFatal("no random bytes from OpenSSL");
    return out;
}

} // namespace

QByteArray dynsecPasswordHash(const QByteArray &password, const QByteArray &salt, int iterations)
{
    unsigned char out[64];
    if (PKCS5_PBKDF2_HMAC(password.constData(), static_cast<int>(password.size()), reinterpret_cast<const unsigned char *>(salt.constData()),
                          static_cast<int>(salt.size()), iterations, EVP_sha512(), sizeof out, out) != 1)
        qFatal("PBKDF2 failed");
    return QByteArray(reinterpret_cast<const char *>(out), sizeof out).toBase64();
}

Status BrokerAccess::validate() const
{
    QSet<QString> seen;
    for (const QStringList *names : {&consoles, &gateways, &walls}) {
        for (const QString &name : *names) {
            if (auto ok = ConsoleKeyring::checkName(name); !ok)
                return ok;
            if (name == QLatin1String("admin") || seen.contains(name))
                return makeError(QStringLiteral("the name %1 is used twice (or is the broker's admin)").arg(name));
            seen.insert(name);
        }
    }
    if (seen.isEmpty())
        return makeError(QStringLiteral("name at least one console, gateway or wall"));
    return Ok{};
}

Result<QString> BrokerAccess::writeTo(const QString &dirPath) const
{
    if (auto ok = validate(); !ok)
        return makeError(ok.error());
    // The accounts and their roles decide who may publish what on the broker: not into a folder others could change
    // (checked before anything is made there).
    QDir dir(dirPath);
    const QString config = dir.filePath(QStringLiteral("dynsec.json"));
    if (auto place = trustfile::checkPlace(config, QStringLiteral("the broker's accounts")); !place)
        return makeError(place.error());
    if (!dir.exists())
        if (auto made = trustfile::makeFolder(dirPath); !made)
            return makeError(made.error());
    if (QFile::exists(config))
        return makeError(QStringLiteral("%1 exists already; change a running broker's accounts with mosquitto_ctrl dynsec (docs/SECURITY.md)").arg(config));

    const QJsonArray consoleAcls{
        acl("publishClientSend", kRoot + QStringLiteral("/cmd/#")), acl("publishClientSend", kRoot + QStringLiteral("/ctl/refresh")),
        acl("publishClientSend", kRoot + QStringLiteral("/ops")), acl("publishClientSend", kRoot + QStringLiteral("/console/+/handover")),
        acl("publishClientSend", kRoot + QStringLiteral("/fleet/#")), acl("subscribePattern", kRoot + QStringLiteral("/#"))};
    const QJsonArray gatewayAcls{acl("publishClientSend", kRoot + QStringLiteral("/console/+/result")),
        acl("subscribePattern", kRoot + QStringLiteral("/ctl/refresh"))};
    const QJsonArray wallAcls{acl("publishClientSend", kRoot + QStringLiteral("/ctl/refresh")), acl("subscribePattern", kRoot + QStringLiteral("/#"))};
    const QJsonArray adminAcls{acl("publishClientSend", QStringLiteral("$CONTROL/dynamic-security/#")),
                               acl("publishClientReceive", QStringLiteral("$CONTROL/dynamic-security/#")),
                               acl("subscribePattern", QStringLiteral("$CONTROL/dynamic-security/#"))};

    QJsonArray clients;
    // What only one account may publish (its own status, or everything under its gateway's name) is a role of its
    // own, named after it: mosquitto 2.0's plugin has no %c/%u patterns in ACLs.
    QJsonArray ownRoles;
    auto account = [&](const QString &name, const QString &roleName, bool bindClientId) -> Status {
        QJsonArray roles{QJsonObject{{QStringLiteral("rolename"), roleName}}};
        if (roleName != QLatin1String("admin")) {
            const bool gateway = roleName == QLatin1String("cityops-gateway");
            QJsonArray acls{acl("publishClientSend", gateway ? kRoot + QStringLiteral("/gw/%1/#").arg(name) : kRoot + QStringLiteral("/console/%1/status").arg(name))};
            if (gateway) {   // its own devices' commands and its own vehicles' routes only
                acls.append(acl("subscribePattern", kRoot + QStringLiteral("/cmd/%1/#").arg(name)));
                acls.append(acl("subscribePattern", kRoot + QStringLiteral("/fleet/%1/#").arg(name)));
            }
            ownRoles.append(role(QStringLiteral("own-") + name, acls));
            roles.append(QJsonObject{{QStringLiteral("rolename"), QString(QStringLiteral("own-") + name)}});
        }
        const QByteArray password = randomBytes(18).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
        const QByteArray salt = randomBytes(12);
        QJsonObject client{{QStringLiteral("username"), name},
                           {QStringLiteral("password"), QString::fromLatin1(dynsecPasswordHash(password, salt, kIterations))},
                           {QStringLiteral("salt"), QString::fromLatin1(salt.toBase64())},
                           {QStringLiteral("iterations"), kIterations},
                           {QStringLiteral("roles"), roles}};
        // Bound to its client id: the id is what the topics name, so nobody else may connect with it.
        if (bindClientId)
            client.insert(QStringLiteral("clientid"), name);
        clients.append(client);
        return secretfile::writePrivate(dir.filePath(name + QStringLiteral(".password")), password + '\n');
    };
    for (const QString &c : consoles)
        if (auto ok = account(c, QStringLiteral("cityops-console"), true); !ok)
            return makeError(ok.error());
    for (const QString &g : gateways)
        if (auto ok = account(g, QStringLiteral("cityops-gateway"), true); !ok)
            return makeError(ok.error());
    for (const QString &w : walls)
        if (auto ok = account(w, QStringLiteral("cityops-wall"), true); !ok)
            return makeError(ok.error());
    if (auto ok = account(QStringLiteral("admin"), QStringLiteral("admin"), false); !ok)
        return makeError(ok.error());

    QJsonArray roles{role(QStringLiteral("cityops-console"), consoleAcls), role(QStringLiteral("cityops-gateway"), gatewayAcls),
                     role(QStringLiteral("cityops-wall"), wallAcls), role(QStringLiteral("admin"), adminAcls)};
    for (const QJsonValue &own : std::as_const(ownRoles))
        roles.append(own);
    const QJsonObject root{
        {QStringLiteral("clients"), clients},
        {QStringLiteral("roles"), roles},
        {QStringLiteral("defaultACLAccess"), QJsonObject{{QStringLiteral("publishClientSend"), false}, {QStringLiteral("publishClientReceive"), true},
                                                         {QStringLiteral("subscribe"), false}, {QStringLiteral("unsubscribe"), true}}}};
    if (auto ok = secretfile::writePrivate(config, QJsonDocument(root).toJson(QJsonDocument::Indented)); !ok)
        return makeError(ok.error());
    return QStringLiteral("per_listener_settings false\nallow_anonymous false\nplugin /usr/lib/x86_64-linux-gnu/mosquitto_dynamic_security.so\n"
                          "plugin_opt_config_file %1\n")
        .arg(QDir(dirPath).absoluteFilePath(QStringLiteral("dynsec.json")));
}

} // namespace cityops
