#include "link/consolestatus.h"

#include "link/wirejson.h"

namespace cityops::wire {

QByteArray ConsoleStatus::canonical(const QString &console) const
{
    // Length-prefixed fields in a fixed order, as SignedCommand::canonical: no two statuses share these bytes.
    QByteArray out = QByteArrayLiteral("cityops-console-status-v1\n");
    auto field = [&out](const QByteArray &bytes) { out += QByteArray::number(bytes.size()) + ':' + bytes + '\n'; };
    field(console.toUtf8());
    field(online ? QByteArrayLiteral("online") : QByteArrayLiteral("offline"));
    field(QByteArray::number(static_cast<qulonglong>(connection)));
    field(keyId.toUtf8());
    return out;
}

QByteArray encodeConsoleStatus(const ConsoleStatus &s)
{
    QJsonObject o{{"v", kVersion}, {"online", s.online}, {"conn", static_cast<double>(s.connection)}};
    if (s.isSigned()) {
        o.insert(QLatin1String("key"), s.keyId);
        o.insert(QLatin1String("sig"), QString::fromLatin1(s.signature.toBase64()));
    }
    return compact(o);
}

Parsed<ConsoleStatus> decodeConsoleStatus(const QByteArray &payload)
{
    auto opened = openPayload(payload, kMaxPayloadBytes);
    if (auto *r = std::get_if<Refused>(&opened))
        return *r;
    const QJsonObject &o = std::get<QJsonObject>(opened);
    if (!o.value(QLatin1String("online")).isBool())
        return malformed(QStringLiteral("online must be true or false"));
    // Microseconds since the epoch stay below 2^53 until the year 2255: exact in a JSON number.
    if (o.value(QLatin1String("conn")).isUndefined())
        return malformed(QStringLiteral("no conn: a status from a console of a release before signed statuses, which must be updated"));
    if (!isCount(o.value(QLatin1String("conn"))))
        return malformed(QStringLiteral("conn must be a whole number (the connection the status belongs to)"));
    ConsoleStatus s;
    s.online = o.value(QLatin1String("online")).toBool();
    s.connection = static_cast<std::uint64_t>(o.value(QLatin1String("conn")).toDouble());
    const QJsonValue key = o.value(QLatin1String("key")), sig = o.value(QLatin1String("sig"));
    if (key.isUndefined() && sig.isUndefined())
        return s;   // unsigned: only a console that no keyring lists sends it (MqttLink refuses it for one listed)
    if (!key.isString() || key.toString().isEmpty() || key.toString().size() > 64 || !sig.isString())
        return malformed(QStringLiteral("a signed status needs its key id and its signature (sig)"));
    const auto decoded = QByteArray::fromBase64Encoding(sig.toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.size() != 64)
        return malformed(QStringLiteral("sig must be a base64 Ed25519 signature (64 bytes)"));
    s.keyId = key.toString();
    s.signature = decoded.decoded;
    return s;
}

} // namespace cityops::wire
