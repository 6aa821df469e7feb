#include "city/trafficfiles.h"

#include "base/random.h"
#include "base/sqlitedb.h"
#include "city/flowschedule.h"
#include "city/sumonet.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <QSet>
#include <QtEndian>
#include <QXmlStreamReader>
#include <QXmlStreamWriter>

#include <algorithm>
#include <cmath>
#include <functional>

namespace cityops::trafficfiles {
namespace {

const QString kCreate = QStringLiteral(
    "CREATE TABLE IF NOT EXISTS traffic_files (name TEXT PRIMARY KEY NOT NULL, content BLOB NOT NULL, "
    "bytes INTEGER NOT NULL, sha256 TEXT NOT NULL)");

QString digest(const QByteArray &text) { return QString::fromLatin1(QCryptographicHash::hash(text, QCryptographicHash::Sha256).toHex()); }

/// What departs: a trip, a vehicle, or a flow of them.
bool departs(QStringView name) { return name == u"trip" || name == u"vehicle" || name == u"flow"; }

/// What to do with one top-level trip, vehicle or flow of the demand: drop it, or write it with these attributes.
using VehicleRule = std::function<bool(QStringView element, QXmlStreamAttributes &attributes)>;
/// What to change in the elements inside one that is written (its stops, say).
using InsideRule = std::function<void(QStringView element, QXmlStreamAttributes &attributes)>;

/// Copies a SUMO route file element by element; every top-level trip, vehicle or flow passes `rule` (which may drop
/// it or change its attributes), and every element inside one written passes `inside`; other top-level elements
/// are written when `keepOthers`. The root element is not written (the caller writes it once).
Status copyDemand(const QByteArray &xml, QXmlStreamWriter &out, const VehicleRule &rule, bool keepOthers, const InsideRule &inside = {})
{
    QXmlStreamReader in(xml);
    int depth = 0;
    bool writing = false;
    int writeDepth = 0;
    while (!in.atEnd()) {
        const auto token = in.readNext();
        if (token == QXmlStreamReader::StartElement) {
            ++depth;
            if (depth == 1) {
                if (in.name() != u"routes")
                    return makeError(QStringLiteral("the demand is not a SUMO route file (its root is <%1>, not <routes>)").arg(in.name()));
                continue;
            }
            if (depth == 2) {
                QXmlStreamAttributes attributes = in.attributes();
                writing = departs(in.name()) ? rule(in.name(), attributes) : keepOthers;
                writeDepth = depth;
                if (writing) {
                    out.writeStartElement(in.name().toString());
                    out.writeAttributes(attributes);
                }
                continue;
            }
            if (writing && inside) {
                QXmlStreamAttributes attributes = in.attributes();
                inside(in.name(), attributes);
                out.writeStartElement(in.name().toString());
                out.writeAttributes(attributes);
            } else if (writing) {
                out.writeCurrentToken(in);
            }
        } else if (token == QXmlStreamReader::EndElement) {
            if (writing && depth >= writeDepth)
                out.writeEndElement();
            if (depth == writeDepth)
                writing = false;
            --depth;
        } else if (writing && depth >= writeDepth && token != QXmlStreamReader::Comment) {
            if (token != QXmlStreamReader::Characters || !in.isWhitespace())
                out.writeCurrentToken(in);
        }
    }
    if (in.hasError())
        return makeError(QStringLiteral("the demand is not well-formed XML (line %1: %2)").arg(in.lineNumber()).arg(in.errorString()));
    return Ok{};
}

/// `attributes` moved on to day `day`: each of `times` that is a number by `day` days, the id (if `rename`) "d<day>.<id>".
QXmlStreamAttributes shiftedToDay(const QXmlStreamAttributes &attributes, std::initializer_list<QLatin1StringView> times, int day, bool rename = true)
{
    QXmlStreamAttributes shifted;
    for (const QXmlStreamAttribute &attribute : attributes) {
        bool numeric = false;
        const double s = attribute.value().toDouble(&numeric);
        if (rename && attribute.name() == u"id")
            shifted.append(QStringLiteral("id"), QStringLiteral("d%1.%2").arg(day).arg(attribute.value()));
        else if (numeric && std::find(times.begin(), times.end(), attribute.name()) != times.end())
            shifted.append(attribute.name().toString(), QString::number(s + 86400.0 * day, 'f', 2));
        else
            shifted.append(attribute);
    }
    return shifted;
}

Result<QByteArray> writeDemand(const std::function<Status(QXmlStreamWriter &)> &body)
{
    QByteArray text;
    QXmlStreamWriter out(&text);
    out.setAutoFormatting(true);
    out.setAutoFormattingIndent(1);
    out.writeStartDocument();
    out.writeStartElement(QStringLiteral("routes"));
    if (auto s = body(out); !s)
        return Error{s.error()};
    out.writeEndElement();
    out.writeEndDocument();
    return text;
}

} // namespace

Status store(const QString &packagePath, const QString &name, const QByteArray &content)
{
    auto db = SqliteDb::open(packagePath, SqliteDb::Mode::Create);
    if (!db)
        return Error{db.error()};
    if (auto s = db.value()->exec(kCreate); !s)
        return makeError(QStringLiteral("%1: %2").arg(packagePath, s.error()));
    auto insert = db.value()->prepare(QStringLiteral("INSERT OR REPLACE INTO traffic_files (name, content, bytes, sha256) VALUES (?, ?, ?, ?)"));
    if (!insert)
        return Error{insert.error()};
    insert->bind(1, name);
    insert->bind(2, qCompress(content, 9));
    insert->bind(3, static_cast<std::int64_t>(content.size()));
    insert->bind(4, digest(content));
    if (auto s = insert->run(); !s)
        return makeError(QStringLiteral("%1: storing %2: %3").arg(packagePath, name, s.error()));
    return Ok{};
}

Result<bool> has(const QString &packagePath, const QString &name)
{
    auto db = SqliteDb::open(packagePath, SqliteDb::Mode::ReadOnly);
    if (!db)
        return Error{db.error()};
    auto table = db.value()->prepare(QStringLiteral("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'traffic_files'"));
    if (!table)
        return Error{table.error()};
    if (!table->step())
        return false;
    auto row = db.value()->prepare(QStringLiteral("SELECT 1 FROM traffic_files WHERE name = ?"));
    if (!row)
        return Error{row.error()};
    row->bind(1, name);
    return row->step();
}

Result<QByteArray> load(const QString &packagePath, const QString &name)
{
    auto present = has(packagePath, name);
    if (!present)
        return Error{present.error()};
    if (!present.value())
        return makeError(QStringLiteral("%1 carries no %2 (import it again with cityops-import sumo to add SUMO's files)").arg(packagePath, name));
    auto db = SqliteDb::open(packagePath, SqliteDb::Mode::ReadOnly);
    if (!db)
        return Error{db.error()};
    auto row = db.value()->prepare(QStringLiteral("SELECT content, bytes, sha256 FROM traffic_files WHERE name = ?"));
    if (!row)
        return Error{row.error()};
    row->bind(1, name);
    QString error;
    if (!row->step(&error))
        return makeError(QStringLiteral("%1: %2: %3").arg(packagePath, name, error));
    // qUncompress allocates what the blob's first four bytes claim before it inflates: a hand-made or damaged row
    // must not make the console allocate gigabytes. The claim must be the stored size, and within what deflate can
    // make of the blob's bytes (at most 1032 out of one).
    const QByteArray blob = row->columnBlob(0);
    const std::int64_t bytes = row->columnInt(1);
    const std::int64_t claimed = blob.size() < 4 ? -1 : qFromBigEndian<quint32>(blob.constData());
    if (claimed != bytes || claimed > std::int64_t(blob.size() - 4) * 1032 + 64)
        return makeError(QStringLiteral("%1: the stored %2 is damaged (it claims %3 bytes from %4 compressed)")
                             .arg(packagePath, name).arg(claimed).arg(blob.size()));
    const QByteArray text = qUncompress(blob);
    if (text.size() != bytes || digest(text) != row->columnText(2))
        return makeError(QStringLiteral("%1: the stored %2 is damaged (its content does not match its digest)").arg(packagePath, name));
    return text;
}

Result<Extracted> extract(const QString &packagePath, const QString &directory, int days)
{
    auto network = load(packagePath, kNetwork);
    if (!network)
        return Error{network.error()};
    Extracted files;
    auto write = [&](const QString &name, const QByteArray &content) -> Result<QString> {
        QSaveFile f(QDir(directory).filePath(name));
        if (!f.open(QIODevice::WriteOnly) || f.write(content) != content.size() || !f.commit())
            return makeError(QStringLiteral("cannot write %1: %2").arg(f.fileName(), f.errorString()));
        return f.fileName();
    };
    auto net = write(kNetwork, network.value());
    if (!net)
        return Error{net.error()};
    files.network = net.value();
    auto present = has(packagePath, kDemand);
    if (!present)
        return Error{present.error()};
    if (!present.value())
        return files;
    auto day = load(packagePath, kDemand);
    if (!day)
        return Error{day.error()};
    auto demand = writeDemand([&](QXmlStreamWriter &out) -> Status {
        for (int d = 0; d < std::max(1, days); ++d) {
            // The day again, a day later: each trip and vehicle departing at a time, each flow all of whose
            // vehicles depart within its day (one that runs on, or past midnight, already covers the next day),
            // renamed for the day; the times its stops wait until move with it.
            auto shift = [d](QStringView element, QXmlStreamAttributes &a) {
                if (d == 0)
                    return true;
                if (element == u"flow") {
                    auto flow = FlowSchedule::read(a);
                    if (!flow || flow->span() != FlowSchedule::Span::WithinDay)
                        return false;
                    if (!a.hasAttribute(QLatin1StringView("begin")))
                        a.append(QStringLiteral("begin"), QStringLiteral("0"));   // SUMO's default, which must move too
                    a = shiftedToDay(a, {QLatin1StringView("begin"), QLatin1StringView("end")}, d);
                    return true;
                }
                bool numeric = false;
                const double depart = a.value(QStringLiteral("depart")).toDouble(&numeric);
                if (!numeric || !std::isfinite(depart))
                    return false;   // "triggered" and the like happen once
                a = shiftedToDay(a, {QLatin1StringView("depart")}, d);
                return true;
            };
            auto stopsToo = [d](QStringView element, QXmlStreamAttributes &a) {
                if (d > 0 && element == u"stop")
                    a = shiftedToDay(a, {QLatin1StringView("until"), QLatin1StringView("arrival")}, d, false);
            };
            if (auto s = copyDemand(day.value(), out, shift, d == 0, stopsToo); !s)
                return s;
        }
        return Ok{};
    });
    if (!demand)
        return makeError(QStringLiteral("%1: %2").arg(packagePath, demand.error()));
    auto written = write(kDemand, demand.value());
    if (!written)
        return Error{written.error()};
    files.demand = written.value();
    files.day = std::move(day).value();
    return files;
}

const std::array<double, 24> &dailyProfile()
{
    // Working-day traffic in a European city district, as a share of the evening peak hour: a morning peak at
    // 7-9, a long shoulder through the day and the evening peak at 16-18 (cf. hourly count profiles of urban
    // roads, e.g. Berlin's Verkehrsmengenkarte).
    static const std::array<double, 24> profile = {0.10, 0.06, 0.05, 0.05, 0.08, 0.20, 0.50, 0.90, 0.95, 0.75, 0.60, 0.60,
                                                   0.65, 0.65, 0.70, 0.80, 0.95, 1.00, 0.85, 0.60, 0.45, 0.35, 0.25, 0.15};
    return profile;
}

Status checkDemand(const QByteArray &demand)
{
    auto copy = writeDemand([&](QXmlStreamWriter &out) { return copyDemand(demand, out, [](QStringView, QXmlStreamAttributes &) { return true; }, true); });
    if (!copy)
        return Error{copy.error()};
    return Ok{};
}

Status checkDemandFitsNetwork(const QByteArray &demand, const QByteArray &network)
{
    QSet<QString> edges, junctions;
    {
        QXmlStreamReader net(network);
        while (!net.atEnd()) {
            if (net.readNext() != QXmlStreamReader::StartElement)
                continue;
            if (net.name() == u"edge")
                edges.insert(net.attributes().value(QLatin1StringView("id")).toString());
            else if (net.name() == u"junction")
                junctions.insert(net.attributes().value(QLatin1StringView("id")).toString());
        }
        if (net.hasError())
            return makeError(QStringLiteral("the network is not well-formed XML (line %1: %2)").arg(net.lineNumber()).arg(net.errorString()));
    }
    QSet<QString> routes;
    QXmlStreamReader in(demand);
    QString owner;   // the top-level element being read, as a person would name it
    const auto miss = [&](const QString &what) {
        return makeError(QStringLiteral("the demand names %1 (%2, line %3), which the network does not have: is it the demand for this network?")
                             .arg(what, owner).arg(in.lineNumber()));
    };
    int depth = 0;
    while (!in.atEnd()) {
        const auto token = in.readNext();
        if (token == QXmlStreamReader::EndElement)
            --depth;
        if (token != QXmlStreamReader::StartElement)
            continue;
        ++depth;
        const QXmlStreamAttributes a = in.attributes();
        if (depth == 2)
            owner = QStringLiteral("%1 '%2'").arg(in.name(), a.value(QLatin1StringView("id")));
        if ((in.name() == u"route" || in.name() == u"routeDistribution") && a.hasAttribute(QLatin1StringView("id")))
            routes.insert(a.value(QLatin1StringView("id")).toString());
        for (const auto name : {QLatin1StringView("busStop"), QLatin1StringView("containerStop"), QLatin1StringView("chargingStation"),
                                QLatin1StringView("parkingArea"), QLatin1StringView("trainStop")})
            if (a.hasAttribute(name))
                return makeError(QStringLiteral("the demand stops at %1 '%2' (%3, line %4): SUMO needs it defined in an additional file, "
                                                "which a city package does not carry; stop on a lane instead")
                                     .arg(name, a.value(name), owner).arg(in.lineNumber()));
        for (const auto name : {QLatin1StringView("from"), QLatin1StringView("to")})
            if (a.hasAttribute(name) && !edges.contains(a.value(name).toString()))
                return miss(QStringLiteral("road '%1'").arg(a.value(name)));
        for (const auto name : {QLatin1StringView("via"), QLatin1StringView("edges")})
            for (const QStringView edge : a.value(name).split(u' ', Qt::SkipEmptyParts))
                if (!edges.contains(edge.toString()))
                    return miss(QStringLiteral("road '%1'").arg(edge));
        for (const auto name : {QLatin1StringView("fromJunction"), QLatin1StringView("toJunction")})
            if (a.hasAttribute(name) && !junctions.contains(a.value(name).toString()))
                return miss(QStringLiteral("junction '%1'").arg(a.value(name)));
        for (const auto name : {QLatin1StringView("fromTaz"), QLatin1StringView("toTaz")})
            if (a.hasAttribute(name))
                return makeError(QStringLiteral("the demand goes between zones (%1 of %2, line %3): SUMO needs them defined in an additional "
                                                "file, which a city package does not carry; give the trips roads (from/to)")
                                     .arg(name, owner).arg(in.lineNumber()));
        if (in.name() == u"stop" && a.hasAttribute(QLatin1StringView("lane"))) {
            const QStringView lane = a.value(QLatin1StringView("lane"));
            if (!edges.contains(QString::fromStdString(splitLaneId(lane.toString().toStdString()).edge)))
                return miss(QStringLiteral("lane '%1'").arg(lane));
        }
        if (depth == 2 && (in.name() == u"vehicle" || in.name() == u"flow") && a.hasAttribute(QLatin1StringView("route"))
            && !routes.contains(a.value(QLatin1StringView("route")).toString()))
            return makeError(QStringLiteral("the demand's %1 takes route '%2' (line %3), which the demand does not define before it")
                                 .arg(owner, a.value(QLatin1StringView("route"))).arg(in.lineNumber()));
    }
    if (in.hasError())
        return makeError(QStringLiteral("the demand is not well-formed XML (line %1: %2)").arg(in.lineNumber()).arg(in.errorString()));
    return Ok{};
}

Result<QByteArray> shapeToDailyProfile(const QByteArray &trips, std::uint64_t seed)
{
    Random random(seed);
    return writeDemand([&](QXmlStreamWriter &out) {
        return copyDemand(trips, out, [&](QStringView element, QXmlStreamAttributes &a) {
            if (element == u"flow")
                return true;   // a flow has its own rate; the generated demand has none
            bool numeric = false;
            const double depart = a.value(QStringLiteral("depart")).toDouble(&numeric);
            if (!numeric || depart < 0 || depart >= 86400)
                return false;
            return random.uniform() < dailyProfile()[static_cast<size_t>(depart / 3600.0)];
        }, true);
    });
}

} // namespace cityops::trafficfiles
