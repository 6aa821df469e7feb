#include "link/consolestatus.h"

#include "base/hexdigits.h"
#include "link/wirejson.h"

#include <algorithm>
#include <iterator>

namespace cityops::wire {

namespace {

/// Length-prefixed fields in a fixed order, as SignedCommand::canonical: no two statuses share these bytes. The
/// heading tells the two signatures' bytes apart, so that neither can stand for the other.
/// `said`: what the signature covers beyond the four fields every status's signature covers.
QByteArray canonicalOf(const char *heading, const QString &console, const ConsoleStatus &s, std::initializer_list<QByteArray> said = {})
{
    QByteArray out = QByteArray(heading) + '\n';
    auto field = [&out](const QByteArray &bytes) { out += QByteArray::number(bytes.size()) + ':' + bytes + '\n'; };
    field(console.toUtf8());
    field(s.online ? QByteArrayLiteral("online") : QByteArrayLiteral("offline"));
    field(QByteArray::number(static_cast<qulonglong>(s.connection)));
    field(s.keyId.toUtf8());
    for (const QByteArray &bytes : said)
        field(bytes);
    return out;
}

constexpr ConsoleStatus::Recording kSaidRecordings[] = {ConsoleStatus::Recording::Recording, ConsoleStatus::Recording::AtRisk,
                                                         ConsoleStatus::Recording::NotRecording};

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
    return canonicalOf("cityops-console-status-v1", console, *this);
}

QByteArray ConsoleStatus::canonicalKeys(const QString &console) const
{
    return canonicalOf("cityops-console-keys-v1", console, *this, {consoleKeys.toLatin1(), approverKeys.toLatin1()});
}

QByteArray ConsoleStatus::canonicalRecording(const QString &console) const
{
    return canonicalOf("cityops-console-recording-v1", console, *this,
                       {recordingWord(recording).toUtf8(), recordingWhy.toUtf8(), QByteArray::number(static_cast<qulonglong>(recordingTurn))});
}

QString recordingWord(ConsoleStatus::Recording recording)
{
    switch (recording) {
    case ConsoleStatus::Recording::NotSaid: break;
    case ConsoleStatus::Recording::Recording: return QStringLiteral("recording");
    case ConsoleStatus::Recording::AtRisk: return QStringLiteral("at-risk");
    case ConsoleStatus::Recording::NotRecording: return QStringLiteral("not-recording");
    }
    return {};
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
        if (s.saysRecording()) {
            o.insert(QLatin1String("rec"), recordingWord(s.recording));
            if (!s.recordingWhy.isEmpty())
                o.insert(QLatin1String("rwhy"), s.recordingWhy);
            o.insert(QLatin1String("rturn"), static_cast<double>(s.recordingTurn));
            o.insert(QLatin1String("rsig"), QString::fromLatin1(s.recordingSignature.toBase64()));
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
    const QJsonValue rec = o.value(QLatin1String("rec")), rwhy = o.value(QLatin1String("rwhy")), rsig = o.value(QLatin1String("rsig"));
    const QJsonValue rturn = o.value(QLatin1String("rturn"));
    const bool saysRecording = !rec.isUndefined() || !rwhy.isUndefined() || !rturn.isUndefined() || !rsig.isUndefined();
    if (key.isUndefined() && sig.isUndefined()) {
        if (saysKeys)
            return malformed(QStringLiteral("an unsigned status cannot say which keys its console believes"));
        if (saysRecording)
            return malformed(QStringLiteral("an unsigned status cannot say how its console's recording stands"));
        return s;   // unsigned: only a console that no keyring lists sends it (MqttLink refuses it for one listed)
    }
    if (!key.isString() || key.toString().isEmpty() || key.toString().size() > 64 || !sig.isString())
        return malformed(QStringLiteral("a signed status needs its key id and its signature (sig)"));
    auto signature = signatureOf(sig, "sig");
    if (!signature)
        return malformed(signature.error());
    s.keyId = key.toString();
    s.signature = std::move(signature).value();
    if (saysRecording) {
        const auto said = std::find_if(std::begin(kSaidRecordings), std::end(kSaidRecordings),
                                       [&rec](ConsoleStatus::Recording r) { return rec.isString() && rec.toString() == recordingWord(r); });
        if (said == std::end(kSaidRecordings))
            return malformed(QStringLiteral("rec must be \"recording\", \"at-risk\" or \"not-recording\""));
        s.recording = *said;
        if (!rwhy.isUndefined() && (!rwhy.isString() || rwhy.toString().isEmpty() || rwhy.toString().size() > ConsoleStatus::kMaxRecordingWhyChars
                                    || s.recording != ConsoleStatus::Recording::NotRecording))
            return malformed(QStringLiteral("rwhy must be the store's words (1 to %1 characters), said only with rec \"not-recording\"")
                                 .arg(ConsoleStatus::kMaxRecordingWhyChars));
        s.recordingWhy = rwhy.toString();
        if (!isCount(rturn) || rturn.toDouble() < 1)
            return malformed(QStringLiteral("rturn must be a whole number from 1 (which turn of the recording the status says)"));
        s.recordingTurn = static_cast<std::uint64_t>(rturn.toDouble());
        auto recordingSignature = signatureOf(rsig, "rsig");
        if (!recordingSignature)
            return malformed(recordingSignature.error() + QStringLiteral(" (how a console's recording stands is said only under it)"));
        s.recordingSignature = std::move(recordingSignature).value();
    }
    if (!saysKeys)
        return s;   // a console of an earlier release, or one given no keyring
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
