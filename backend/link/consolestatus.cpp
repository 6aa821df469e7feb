#include "link/consolestatus.h"

#include "base/hexdigits.h"
#include "link/wirejson.h"

namespace cityops::wire {

namespace {

/// Length-prefixed fields in a fixed order, as SignedCommand::canonical: no two statuses share these bytes. The
/// heading tells the two signatures' bytes apart, so that neither can stand for the other.
QByteArray canonicalOf(const char *heading, const QString &console, const ConsoleStatus &s, bool withKeys)
{
    QByteArray out = QByteArray(heading) + '\n';
    auto field = [&out](const QByteArray &bytes) { out += QByteArray::number(bytes.size()) + ':' + bytes + '\n'; };
    field(console.toUtf8());
    field(s.online ? QByteArrayLiteral("online") : QByteArrayLiteral("offline"));
    field(QByteArray::number(static_cast<qulonglong>(s.connection)));
    field(s.keyId.toUtf8());
    if (withKeys) {
        field(s.consoleKeys.toLatin1());
        field(s.approverKeys.toLatin1());
    }
    return out;
}

Result<QByteArray> signatureOf(const QJsonValue &value, const char *name)
{
    const auto decoded = QByteArray::fromBase64Encoding(value.toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!value.isString() || !decoded || decoded.decoded.size() != 64)
        return makeError(QStringLiteral("%1 must be a base64 Ed25519 signature (64 bytes)").arg(QLatin1String(name)));
    return decoded.decoded;
}

} // namespace

QByteArray ConsoleStatus::canonical(const QString &console) const
{
    return canonicalOf("cityops-console-status-v1", console, *this, false);
}

QByteArray ConsoleStatus::canonicalKeys(const QString &console) const
{
    return canonicalOf("cityops-console-keys-v1", console, *this, true);
}

QByteArray encodeConsoleStatus(const ConsoleStatus &s)
{
    QJsonObject o{{"v", kVersion}, {"online", s.online}, {"conn", static_cast<double>(s.connection)}};
    if (s.isSigned()) {
        o.insert(QLatin1String("key"), s.keyId);
        o.insert(QLatin1String("sig"), QString::fromLatin1(s.signature.toBase64()));
        if (s.saysKeys()) {
            if (!s.consoleKeys.isEmpty())
                o.insert(QLatin1String("ck"), s.consoleKeys);
            if (!s.approverKeys.isEmpty())
                o.insert(QLatin1String("ak"), s.approverKeys);
            o.insert(QLatin1String("ksig"), QString::fromLatin1(s.keysSignature.toBase64()));
        }
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
    const QJsonValue ck = o.value(QLatin1String("ck")), ak = o.value(QLatin1String("ak")), ksig = o.value(QLatin1String("ksig"));
    const bool saysKeys = !ck.isUndefined() || !ak.isUndefined() || !ksig.isUndefined();
    if (key.isUndefined() && sig.isUndefined()) {
        if (saysKeys)
            return malformed(QStringLiteral("an unsigned status cannot say which keys its console believes"));
        return s;   // unsigned: only a console that no keyring lists sends it (MqttLink refuses it for one listed)
    }
    if (!key.isString() || key.toString().isEmpty() || key.toString().size() > 64 || !sig.isString())
        return malformed(QStringLiteral("a signed status needs its key id and its signature (sig)"));
    auto signature = signatureOf(sig, "sig");
    if (!signature)
        return malformed(signature.error());
    s.keyId = key.toString();
    s.signature = std::move(signature).value();
    if (!saysKeys)
        return s;   // a console of an earlier release
    for (const QJsonValue &digest : {ck, ak})
        if (!digest.isUndefined() && !hexdigits::isSixteen(digest.toString()))
            return malformed(QStringLiteral("ck and ak must be 16 hex digits"));
    auto keysSignature = signatureOf(ksig, "ksig");
    if (!keysSignature)
        return malformed(keysSignature.error() + QStringLiteral(" (which keys a console believes is said only under it)"));
    s.consoleKeys = ck.toString();
    s.approverKeys = ak.toString();
    s.keysSignature = std::move(keysSignature).value();
    return s;
}

} // namespace cityops::wire
