#include "store/chainexport.h"

#include "base/counted.h"
#include "base/sqlitedb.h"
#include "codec/eventcodec.h"
#include "codec/eventjson.h"
#include "security/commandsigner.h"
#include "store/storeschema.h"

#include <QFileInfo>

#include <QJsonDocument>
#include <QJsonObject>

#include <map>

namespace cityops::chainexport {
namespace {

QJsonObject rowJson(std::int64_t kind, std::int64_t device, const QByteArray &payload)
{
    return QJsonObject{{QStringLiteral("kind"), static_cast<double>(kind)}, {QStringLiteral("device"), static_cast<double>(device)},
                       {QStringLiteral("payload"), QString::fromLatin1(payload.toBase64())}};
}

void line(QIODevice &out, const QJsonObject &o) { out.write(QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n'); }

/// The event a recorded row holds, as the plain export writes it.
Result<QJsonObject> eventOfRow(std::uint64_t seq, std::int64_t time, std::int64_t kind, std::int64_t device, const QByteArray &payload,
                               const CityModel &city)
{
    auto decoded = eventcodec::decode(static_cast<eventcodec::Kind>(kind), payload);
    if (!decoded)
        return makeError(decoded.error());
    if (device != kNoDevice && (device < 0 || static_cast<size_t>(device) >= city.devices.size()))
        return makeError(QStringLiteral("device %1 is not in this city").arg(device));
    return eventjson::eventToJson(Event{seq, time, static_cast<DeviceIndex>(device), std::move(decoded).value()}, city);
}


} // namespace

Result<size_t> write(const QString &storePath, const CityModel &city, std::int64_t fromMs, std::int64_t toMs, QIODevice &out,
                     const std::function<bool(double fraction)> &progress)
{
    if (!QFileInfo(storePath).isFile())
        return makeError(QStringLiteral("store %1 does not exist").arg(storePath));
    auto opened = SqliteDb::open(storePath, SqliteDb::Mode::ReadOnly);
    if (!opened)
        return makeError(opened.error());
    SqliteDb &db = *opened.value();
    // A store of this schema and of this city, as any reader of it checks (StoreReader::open).
    if (auto s = storeschema::prepare(db, storePath, city, false); !s)
        return makeError(s.error());
    // The window as a range of rows (time never goes back along seq).
    auto range = db.prepare(QStringLiteral("SELECT MIN(seq), MAX(seq) FROM events WHERE time_ms BETWEEN ? AND ?"));
    if (!range)
        return makeError(range.error());
    range->bind(1, static_cast<std::int64_t>(fromMs));
    range->bind(2, static_cast<std::int64_t>(toMs));
    if (!range->step() || range->columnIsNull(0))
        return makeError(QStringLiteral("no events between those times"));
    const std::int64_t first = range->columnInt(0), last = range->columnInt(1);
    QByteArray before = recordchain::genesis();
    if (auto prev = db.prepare(QStringLiteral("SELECT chain FROM events WHERE seq < ? ORDER BY seq DESC LIMIT 1"))) {
        prev->bind(1, static_cast<std::int64_t>(first));
        if (prev->step())
            before = prev->columnBlob(0);
        else if (auto anchor = db.prepare(QStringLiteral("SELECT value FROM store_meta WHERE key = 'chain_anchor'")); anchor && anchor->step())
            before = QByteArray::fromHex(anchor->columnText(0).toLatin1());
    }
    // The checkpoint that vouches for the window's end: the first at or after its last row.
    std::int64_t anchorSeq = last;
    if (auto next = db.prepare(QStringLiteral("SELECT MIN(seq) FROM checkpoints WHERE seq >= ?"))) {
        next->bind(1, static_cast<std::int64_t>(last));
        if (next->step() && !next->columnIsNull(0))
            anchorSeq = next->columnInt(0);
    }
    line(out, QJsonObject{{QStringLiteral("cityops_export"), 1}, {QStringLiteral("chain_before"), QString::fromLatin1(before.toHex())},
                          {QStringLiteral("first_seq"), static_cast<double>(first)}, {QStringLiteral("last_seq"), static_cast<double>(last)}});
    auto rows = db.prepare(QStringLiteral("SELECT seq, time_ms, kind, device, payload, chain FROM events WHERE seq BETWEEN ? AND ? ORDER BY seq"));
    if (!rows)
        return makeError(rows.error());
    rows->bind(1, static_cast<std::int64_t>(first));
    rows->bind(2, static_cast<std::int64_t>(anchorSeq));
    size_t events = 0;
    std::uint64_t rowsRead = 0;
    QString error;
    while (rows->step(&error)) {
        const std::int64_t seq = rows->columnInt(0), time = rows->columnInt(1), kind = rows->columnInt(2), device = rows->columnInt(3);
        // Rows, not time: a window's share done is the share of its rows (and the tail's) written.
        if (progress && rowsRead++ % 512 == 0 && !progress(double(seq - first) / double(anchorSeq - first + 1)))
            return makeError(QStringLiteral("cancelled"));
        const QByteArray payload = rows->columnBlob(4);
        if (seq > last) {
            QJsonObject tail = rowJson(kind, device, payload);
            tail.insert(QStringLiteral("seq"), static_cast<double>(seq));
            tail.insert(QStringLiteral("time_ms"), static_cast<double>(time));
            line(out, QJsonObject{{QStringLiteral("tail"), tail}});
            continue;
        }
        auto event = eventOfRow(static_cast<std::uint64_t>(seq), time, kind, device, payload, city);
        if (!event)
            return makeError(QStringLiteral("event %1: %2").arg(seq).arg(event.error()));
        QJsonObject o = event.value();
        o.insert(QStringLiteral("chain"), QString::fromLatin1(rows->columnBlob(5).toHex()));
        o.insert(QStringLiteral("row"), rowJson(kind, device, payload));
        line(out, o);
        ++events;
    }
    if (!error.isEmpty())
        return makeError(error);
    auto checkpoints = db.prepare(QStringLiteral("SELECT seq, time_ms, chain, key_id, signature FROM checkpoints WHERE seq BETWEEN ? AND ? ORDER BY seq"));
    if (!checkpoints)
        return makeError(checkpoints.error());
    checkpoints->bind(1, static_cast<std::int64_t>(first));
    checkpoints->bind(2, static_cast<std::int64_t>(anchorSeq));
    while (checkpoints->step(&error))
        line(out, QJsonObject{{QStringLiteral("checkpoint"),
                               QJsonObject{{QStringLiteral("seq"), static_cast<double>(checkpoints->columnInt(0))},
                                           {QStringLiteral("time_ms"), static_cast<double>(checkpoints->columnInt(1))},
                                           {QStringLiteral("chain"), QString::fromLatin1(checkpoints->columnBlob(2).toHex())},
                                           {QStringLiteral("key"), checkpoints->columnText(3)},
                                           {QStringLiteral("sig"), QString::fromLatin1(checkpoints->columnBlob(4).toBase64())}}}});
    if (!error.isEmpty())
        return makeError(error);
    return events;
}

Result<recordchain::Verdict> verify(QIODevice &in, const CityModel &city, const CommandVerifier &key)
{
    recordchain::Verdict v;
    auto bad = [&v](std::uint64_t seq, const QString &sentence) {
        v.intact = false;
        v.firstBadSeq = seq;
        v.sentence = sentence;
        return v;
    };
    const QJsonObject header = QJsonDocument::fromJson(in.readLine()).object();
    if (header.value(QStringLiteral("cityops_export")).toInt() != 1)
        return makeError(QStringLiteral("this is not an export that carries the record's chain (cityops-export --verifiable)"));
    QByteArray chain = QByteArray::fromHex(header.value(QStringLiteral("chain_before")).toString().toLatin1());
    // Every figure through eventjson::wholeIn: the verifier reads files it was handed, and a figure beyond its field
    // is a line not as written, not something to cast (found by tests/fuzz).
    const auto first = eventjson::wholeIn(header.value(QStringLiteral("first_seq")), 1, eventjson::kMaxWhole);
    const auto last = eventjson::wholeIn(header.value(QStringLiteral("last_seq")), 0, eventjson::kMaxWhole);
    // A window of no events would be found "intact" with nothing checked (found by tests/fuzz); the writer never
    // makes one (a window without events is refused there).
    if (!first || !last || *last < *first)
        return makeError(QStringLiteral("the export's first line does not say which events it holds (first_seq, last_seq)"));
    const auto firstSeq = static_cast<std::uint64_t>(*first);
    const auto lastSeq = static_cast<std::uint64_t>(*last);
    std::uint64_t expected = firstSeq;
    std::map<std::uint64_t, QByteArray> chainAt;   // computed, for the checkpoints (only where one may be)
    std::vector<QJsonObject> checkpoints;
    while (!in.atEnd()) {
        const QByteArray text = in.readLine().trimmed();
        if (text.isEmpty())
            continue;
        const QJsonObject o = QJsonDocument::fromJson(text).object();
        if (o.contains(QStringLiteral("checkpoint"))) {
            checkpoints.push_back(o.value(QStringLiteral("checkpoint")).toObject());
            continue;
        }
        const bool isTail = o.contains(QStringLiteral("tail"));
        const QJsonObject row = isTail ? o.value(QStringLiteral("tail")).toObject() : o.value(QStringLiteral("row")).toObject();
        const auto seqSaid = eventjson::wholeIn((isTail ? row : o).value(QStringLiteral("seq")), 1, eventjson::kMaxWhole);
        const auto timeSaid = eventjson::wholeIn((isTail ? row : o).value(QStringLiteral("time_ms")), -eventjson::kMaxWhole, eventjson::kMaxWhole);
        const auto kindSaid = eventjson::wholeIn(row.value(QStringLiteral("kind")), 0, 255);
        const auto deviceSaid = eventjson::wholeIn(row.value(QStringLiteral("device")), -1, 4294967295.0);
        if (row.isEmpty() || !seqSaid || !timeSaid || !kindSaid || !deviceSaid)
            return bad(expected, QStringLiteral("the line after seq %1 is not an event of this export").arg(expected - 1));
        const auto seq = static_cast<std::uint64_t>(*seqSaid);
        const auto time = static_cast<std::int64_t>(*timeSaid);
        if (seq < expected)
            return bad(expected, QStringLiteral("event %1 is out of order").arg(seq));
        const auto kind = static_cast<std::int64_t>(*kindSaid);
        const auto device = static_cast<std::int64_t>(*deviceSaid);
        const QByteArray payload = QByteArray::fromBase64(row.value(QStringLiteral("payload")).toString().toLatin1());
        chain = recordchain::link(chain, seq, time, int(kind), device, payload);
        if (seq > expected) {
            // Events the console could not record go on in the chain as it wrote it (recordchain::verify); lines
            // deleted from the export do not. A tail line carries no chain of its own: the checkpoint judges it, and
            // one vouches for the window's end or the window is refused.
            if (!isTail && QByteArray::fromHex(o.value(QStringLiteral("chain")).toString().toLatin1()) != chain)
                return bad(expected, QStringLiteral("event %1 is missing (the next line is %2): deleted").arg(expected).arg(seq));
            v.unrecorded.emplace_back(expected, seq - 1);
        }
        if (!isTail) {
            if (QByteArray::fromHex(o.value(QStringLiteral("chain")).toString().toLatin1()) != chain)
                return bad(seq, QStringLiteral("event %1 is not as it was recorded: its row was edited, inserted or moved").arg(seq));
            // What the line says must be what its row holds (the row is what the chain vouches for).
            auto said = eventOfRow(seq, time, kind, device, payload, city);
            QJsonObject shown = o;
            shown.remove(QStringLiteral("chain"));
            shown.remove(QStringLiteral("row"));
            if (!said || said.value() != shown)
                return bad(seq, QStringLiteral("event %1 does not say what its recorded row says: the line was edited").arg(seq));
            ++v.events;
        }
        chainAt[seq] = chain;
        expected = seq + 1;
    }
    if (expected <= lastSeq)
        return bad(expected, QStringLiteral("the export ends before its last event %1: cut off").arg(lastSeq));
    std::uint64_t vouchedUpTo = 0;
    for (const QJsonObject &c : checkpoints) {
        const auto seqSaid = eventjson::wholeIn(c.value(QStringLiteral("seq")), 0, eventjson::kMaxWhole);
        const auto timeSaid = eventjson::wholeIn(c.value(QStringLiteral("time_ms")), -eventjson::kMaxWhole, eventjson::kMaxWhole);
        const auto seq = seqSaid ? static_cast<std::uint64_t>(*seqSaid) : 0;
        const QByteArray cpChain = QByteArray::fromHex(c.value(QStringLiteral("chain")).toString().toLatin1());
        const QByteArray sig = QByteArray::fromBase64(c.value(QStringLiteral("sig")).toString().toLatin1());
        if (!seqSaid || !timeSaid || c.value(QStringLiteral("key")).toString() != key.keyId()
            || !key.verify(recordchain::checkpointMessage(seq, static_cast<std::int64_t>(*timeSaid), cpChain), sig))
            return bad(seq, QStringLiteral("the checkpoint at seq %1 is not signed by the given key: forged or altered").arg(seq));
        const auto computed = chainAt.find(seq);
        if (computed == chainAt.end() || computed->second != cpChain)
            return bad(seq, QStringLiteral("the events up to seq %1 were rewritten: the chain no longer matches the signed checkpoint").arg(seq));
        ++v.checkpoints;
        vouchedUpTo = std::max(vouchedUpTo, seq);
    }
    if (vouchedUpTo < lastSeq)
        return bad(lastSeq, QStringLiteral("no signed checkpoint vouches for the window's end (seq %1): export again once the console has "
                                           "written its next checkpoint")
                                .arg(lastSeq));
    v.sentence = QStringLiteral("intact: %1, %2 verified").arg(counted(v.events, "event"), counted(v.checkpoints, "signed checkpoint"));
    if (!v.unrecorded.empty())
        v.sentence += QStringLiteral("; ") + recordchain::unrecordedSaid(v.unrecorded);
    return v;
}

} // namespace cityops::chainexport
