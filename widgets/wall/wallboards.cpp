#include "wall/wallboards.h"

#include "labels.h"
#include "panels/qcustomplot_include.h"
#include "wall/wallfeed.h"

#include <QFontMetrics>
#include <QPainter>
#include <QTimeZone>

#include <array>

namespace cityops {
namespace {

QColor severityColor(IncidentSeverity s)
{
    return s == IncidentSeverity::Critical ? WallLook::red() : s == IncidentSeverity::Major ? WallLook::amber() : WallLook::text();
}

/// Shape and word together: the severity reads without colour.
QString severityMark(IncidentSeverity s)
{
    const QString shape = s == IncidentSeverity::Critical ? QStringLiteral("\u25C6") : s == IncidentSeverity::Major ? QStringLiteral("\u25B2")
                                                                                                                   : QStringLiteral("\u25CB");
    return shape + QLatin1Char(' ') + Labels::severity(s).toUpper();
}

QString countdown(std::int64_t ms)
{
    const std::int64_t s = std::abs(ms) / 1000;
    return s >= 3600 ? QStringLiteral("%1:%2:%3").arg(s / 3600).arg((s / 60) % 60, 2, 10, QLatin1Char('0')).arg(s % 60, 2, 10, QLatin1Char('0'))
                     : QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

QString clockText(std::int64_t utcMs, const QTimeZone &zone)
{
    return QDateTime::fromMSecsSinceEpoch(utcMs, zone).toString(QStringLiteral("HH:mm:ss"));
}

} // namespace

// --- incidents ---

IncidentBoard::IncidentBoard(WallFeed &feed, const WallLook &look, QWidget *parent) : WallTile(feed, look, parent)
{
    connect(&feed, &WallFeed::incidentsChanged, this, &IncidentBoard::contentMayHaveChanged);
    m_paintLater.setSingleShot(true);
    connect(&m_paintLater, &QTimer::timeout, this, &IncidentBoard::contentMayHaveChanged);
    connect(&feed, &WallFeed::tick, this, [this] {
        if (!m_feed.incidents().empty())
            update();   // the countdowns
    });
}

QString IncidentBoard::title() const { return tr("INCIDENTS · %n OPEN", nullptr, int(m_feed.incidents().size())); }

int IncidentBoard::rowsThatFit(const QRect &body) const
{
    // As many two-line rows as the panels hold with one line left for "+ N more".
    const int line = lineHeight(Size::Normal);
    RowFlow flow = incidentsFlow(body);
    int rows = 0;
    for (;;) {
        RowFlow after = flow;
        if (nextRow(after, 2 * line).isNull())
            break;
        after.y += m_look.margin;
        RowFlow tail = after;
        if (nextRow(tail, line).isNull())
            break;
        flow = after;
        ++rows;
    }
    return std::max(1, rows);
}

void IncidentBoard::contentMayHaveChanged()
{
    constexpr qint64 kMinIntervalMs = 250;
    if (m_sincePaint.isValid() && m_sincePaint.elapsed() < kMinIntervalMs) {
        if (!m_paintLater.isActive())
            m_paintLater.start(int(kMinIntervalMs - m_sincePaint.elapsed()));
        return;
    }
    QByteArray shown = shownContent();
    if (shown != m_shown) {
        m_shown = std::move(shown);
        m_sincePaint.start();
        update();
    }
}

QByteArray IncidentBoard::shownContent() const
{
    const auto &incidents = m_feed.incidents();
    QByteArray shown = QByteArray::number(qulonglong(incidents.size()));
    const size_t rows = std::min(incidents.size(), size_t(rowsThatFit(bodyRect())) + 1);
    for (size_t i = 0; i < rows; ++i) {
        const Incident &inc = incidents[i];
        for (const qint64 v : {qint64(inc.id), qint64(inc.severity), qint64(inc.state), qint64(inc.kind), qint64(inc.district),
                               qint64(inc.ackByMs), qint64(inc.onSceneByMs), qint64(inc.escalated())})
            shown += ',' + QByteArray::number(v);
        shown += ';';
    }
    return shown;
}

const Labels::Whereabouts &IncidentBoard::placeOf(const Incident &incident)
{
    auto it = m_places.find(incident.id);
    if (it == m_places.end()) {
        if (m_places.size() > 4096)   // resolved incidents leave the board; their places need not stay
            m_places.clear();
        it = m_places.insert(incident.id, Labels::whereabouts(m_feed.scene().city(), incident));
    }
    return it.value();
}

QString IncidentBoard::whatAndWhere(const Incident &incident, int width)
{
    // Kind and place — the street and the district, as the desks' list says them — on one line. Too long for the
    // panel, the street is cut, not the district: the district says whose incident it is.
    const QFontMetrics metrics(m_look.normal);
    const QString what = QStringLiteral("#%1 %2 · ").arg(incident.id % 100000).arg(Labels::incidentKind(incident.kind));
    const Labels::Whereabouts &place = placeOf(incident);
    const QString whole = what + Labels::where(place, incident.position);
    if (metrics.horizontalAdvance(whole) <= width)
        return whole;
    if (!place.street.isEmpty() && !place.district.isEmpty()) {
        const int room = width - metrics.horizontalAdvance(what + Labels::streetInDistrict(QString(), place.district));
        const QString street = metrics.elidedText(place.street, Qt::ElideRight, room);
        if (street.size() > 3)   // three letters of the street and "…", at least; else the plain cut below
            return what + Labels::streetInDistrict(street, place.district);
    }
    return metrics.elidedText(whole, Qt::ElideRight, width);
}

WallTile::RowFlow IncidentBoard::incidentsFlow(const QRect &body, QRect *gapRow) const
{
    RowFlow flow = rowFlow(body);
    if (m_feed.startGap().isEmpty())
        return flow;
    const QRect gap = nextRow(flow, lineHeight(Size::Normal));
    if (gapRow)
        *gapRow = gap;
    flow.y += m_look.margin;
    return flow;
}

void IncidentBoard::paintBody(QPainter &painter, const QRect &body)
{
    const auto &incidents = m_feed.incidents();
    QRect gap;
    RowFlow flow = incidentsFlow(body, &gap);
    if (!gap.isNull())   // above the incidents, in amber: they may not be all there is
        drawText(painter, gap, Qt::AlignLeft | Qt::AlignVCenter,
                 QFontMetrics(m_look.normal).elidedText(QStringLiteral("\u25B2 ") + m_feed.startGap(), Qt::ElideRight, gap.width()),
                 Size::Normal, WallLook::amber());
    if (incidents.empty()) {
        drawText(painter, firstPanel(QRect(body.left(), flow.y, body.width(), body.bottom() - flow.y)), Qt::AlignCenter, tr("No open incidents"),
                 Size::Normal, WallLook::dim());
        return;
    }
    const int line = lineHeight(Size::Normal);
    const int fits = rowsThatFit(body);
    // All of them when the last fits where "+ N more" would go.
    const int shown = std::min<int>(int(incidents.size()), incidents.size() > size_t(fits) ? fits : fits + 1);
    const std::int64_t now = m_feed.nowMs();
    int drawn = 0;
    for (int i = 0; i < shown; ++i, ++drawn) {
        const Incident &inc = incidents[size_t(i)];
        const QRect row = nextRow(flow, 2 * line);   // an incident's two lines stay on one panel
        if (row.isNull())
            break;
        flow.y += m_look.margin;
        const QRect first(row.left(), row.top(), row.width(), line);
        const QRect left = drawText(painter, first, Qt::AlignLeft | Qt::AlignVCenter, severityMark(inc.severity), Size::Normal,
                                    severityColor(inc.severity));
        // The deadline that runs: acknowledge, then on scene. Overdue is amber with a "!" (it has been escalated).
        QString due;
        QColor dueColor = WallLook::text();
        std::int64_t deadline = 0;
        QString what;
        if (inc.ackDueMs() > 0) {
            deadline = inc.ackDueMs();
            what = tr("ACK");
        } else if (inc.onSceneDueMs() > 0) {
            deadline = inc.onSceneDueMs();
            what = tr("ON SCENE");
        }
        if (deadline > 0) {
            due = deadline >= now ? tr("%1 IN %2").arg(what, countdown(deadline - now)) : tr("! %1 OVERDUE %2").arg(what, countdown(now - deadline));
            if (deadline < now)
                dueColor = WallLook::amber();
        } else {
            due = Labels::incidentState(inc.state).toUpper();
        }
        drawText(painter, first.adjusted(left.width() + m_look.margin, 0, 0, 0), Qt::AlignRight | Qt::AlignVCenter, due, Size::Normal, dueColor);
        drawText(painter, QRect(row.left(), row.top() + line, row.width(), line), Qt::AlignLeft | Qt::AlignVCenter,
                 whatAndWhere(inc, row.width()), Size::Normal, WallLook::dim());
    }
    if (drawn < int(incidents.size())) {
        const QRect more = nextRow(flow, line);
        if (!more.isNull())
            drawText(painter, more, Qt::AlignLeft | Qt::AlignVCenter, tr("+ %n more", nullptr, int(incidents.size()) - drawn), Size::Normal,
                     WallLook::dim());
    }
}

// --- alarms ---

AlarmBoard::AlarmBoard(WallFeed &feed, const WallLook &look, QWidget *parent) : WallTile(feed, look, parent)
{
    connect(&feed, &WallFeed::alarmsChanged, this, qOverload<>(&QWidget::update));
}

QString AlarmBoard::title() const { return tr("ALARMS"); }

void AlarmBoard::paintBody(QPainter &painter, const QRect &body)
{
    const AlarmSummary &a = m_feed.alarms();
    int counts[3] = {0, 0, 0};
    for (const AlarmRow &row : a.rows)
        counts[int(row.priority)] += std::max(row.active, row.unacknowledged);
    const int line = lineHeight(Size::Large);
    RowFlow flow = rowFlow(body);
    if (a.flood) {
        const QRect banner = nextRow(flow, line);
        if (!banner.isNull()) {
            painter.fillRect(banner, WallLook::red());
            drawText(painter, banner, Qt::AlignCenter, tr("\u25B2 ALARM FLOOD"), Size::Large, WallLook::background());
        }
        flow.y += m_look.margin;
    }
    const struct {
        AlarmPriority priority;
        QString shape;
        QColor color;
    } rows[] = {{AlarmPriority::High, QStringLiteral("\u25C6"), WallLook::red()},
                {AlarmPriority::Medium, QStringLiteral("\u25B2"), WallLook::amber()},
                {AlarmPriority::Low, QStringLiteral("\u25CB"), WallLook::text()}};
    for (const auto &r : rows) {
        const int n = counts[int(r.priority)];
        const QRect rowRect = nextRow(flow, line);
        if (rowRect.isNull())
            return;
        drawText(painter, rowRect, Qt::AlignLeft | Qt::AlignVCenter, r.shape + QLatin1Char(' ') + Labels::alarmPriority(r.priority).toUpper(),
                 Size::Normal, n > 0 ? r.color : WallLook::dim());
        drawText(painter, rowRect, Qt::AlignRight | Qt::AlignVCenter, QString::number(n), Size::Large, n > 0 ? r.color : WallLook::dim());
    }
    flow.y += m_look.margin;
    const QRect rate = nextRow(flow, lineHeight(Size::Normal) * 2);
    if (rate.isNull())
        return;
    const bool tooMany = a.ratePer10Min > kManageableRatePer10Min;
    drawText(painter, rate, Qt::AlignLeft | Qt::TextWordWrap,
             tr("%1%2 per 10 min — manageable: %3").arg(tooMany ? QStringLiteral("\u25B2 ") : QString()).arg(a.ratePer10Min).arg(kManageableRatePer10Min),
             Size::Normal, tooMany ? WallLook::amber() : WallLook::dim());
}

// --- energy ---

EnergyBoard::EnergyBoard(WallFeed &feed, const WallLook &look, QWidget *parent) : WallTile(feed, look, parent), m_plot(std::make_unique<QCustomPlot>())
{
    m_plot->setBackground(WallLook::tile());
    m_plot->addGraph();
    m_plot->graph(0)->setPen(QPen(WallLook::text(), std::max(4, look.minCapPx / 8)));
    for (QCPAxis *axis : {m_plot->xAxis, m_plot->yAxis}) {
        axis->setTickLabelFont(look.normal);
        axis->setTickLabelColor(WallLook::dim());
        axis->setBasePen(QPen(WallLook::rule(), 2));
        axis->setTickPen(QPen(WallLook::rule(), 2));
        axis->setSubTicks(false);
        axis->grid()->setPen(QPen(WallLook::rule(), 1, Qt::DotLine));
        axis->ticker()->setTickCount(2);
    }
    QSharedPointer<QCPAxisTickerDateTime> time(new QCPAxisTickerDateTime);
    time->setDateTimeFormat(QStringLiteral("HH:mm"));
    time->setTimeZone(feed.zone());
    time->setTickCount(2);
    m_plot->xAxis->setTicker(time);
    // The load axis' "0" is centred on the time axis: at wall sizes its lower half would run into the first time
    // ("0" over "08:30"), so the times start below it.
    m_plot->xAxis->setTickLabelPadding(m_plot->xAxis->tickLabelPadding() + QFontMetrics(look.normal).capHeight() / 2);
    connect(&feed, &WallFeed::loadsChanged, this, qOverload<>(&QWidget::update));
}

EnergyBoard::~EnergyBoard() = default;

QString EnergyBoard::title() const { return tr("ENERGY"); }

void EnergyBoard::paintBody(QPainter &painter, const QRect &whole)
{
    const QRect body = firstPanel(whole);   // the figure, the plot and the feeders as one piece, on one panel
    if (!m_feed.loadKnown()) {
        // Unknown is not zero: a wall must not show "0.0 MW" before the feeders have said anything.
        drawText(painter, body, Qt::AlignCenter, tr("No feeder has reported yet"), Size::Normal, WallLook::dim());
        return;
    }
    const double load = m_feed.cityLoadKw() / 1000.0, rating = m_feed.cityRatingKw() / 1000.0;
    const int big = lineHeight(Size::Huge), line = lineHeight(Size::Normal);
    const QRect head(body.left(), body.top(), body.width(), big);
    const QRect used = drawText(painter, head, Qt::AlignLeft | Qt::AlignVCenter, tr("%1 MW").arg(load, 0, 'f', 1), Size::Huge);
    drawText(painter, head.adjusted(used.width() + m_look.margin, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter,
             tr("of %1 MW").arg(rating, 0, 'f', 0), Size::Normal, WallLook::dim());
    const auto &busiest = m_feed.busiestFeeders();
    const int feederLines = std::min<int>(3, int(busiest.size()));
    const int plotHeight = body.height() - big - feederLines * line - m_look.margin * 2;
    if (plotHeight > 3 * line) {
        const LoadHistory::Series &series = m_feed.loads();
        QVector<double> keys, values;
        for (size_t i = 0; i < series.timesMs.size(); ++i) {
            keys << series.timesMs[i] / 1000.0;
            values << series.totalKw[i] / 1000.0;
        }
        m_plot->graph(0)->setData(keys, values, true);
        if (!keys.isEmpty()) {
            m_plot->xAxis->setRange(keys.back() - 3600.0, keys.back());
            m_plot->yAxis->setRange(0, std::max(1.0, *std::max_element(values.begin(), values.end()) * 1.2));
        }
        const QRect plotRect(body.left(), head.bottom() + m_look.margin, body.width(), plotHeight);
        painter.drawPixmap(plotRect.topLeft(), m_plot->toPixmap(plotRect.width(), plotRect.height()));
        noteTextDrawn(m_look.normal);   // the plot's tick labels
    }
    int y = body.bottom() - feederLines * line + 1;
    for (int i = 0; i < feederLines; ++i) {
        const auto &f = busiest[size_t(i)];
        const bool over = f.ratio > 1.0, high = f.ratio >= 0.8;
        const QColor c = over ? WallLook::red() : high ? WallLook::amber() : WallLook::dim();
        const QRect row(body.left(), y, body.width(), line);
        drawText(painter, row, Qt::AlignLeft | Qt::AlignVCenter, (over ? QStringLiteral("\u25C6 ") : high ? QStringLiteral("\u25B2 ") : QString()) + f.id,
                 Size::Normal, c);
        drawText(painter, row, Qt::AlignRight | Qt::AlignVCenter, QStringLiteral("%1 %").arg(qRound(f.ratio * 100)), Size::Normal, c);
        y += line;
    }
}

// --- key figures ---

KeyFiguresBoard::KeyFiguresBoard(WallFeed &feed, const WallLook &look, QWidget *parent) : WallTile(feed, look, parent)
{
    connect(&feed, &WallFeed::figuresChanged, this, qOverload<>(&QWidget::update));
    connect(&feed, &WallFeed::tick, this, qOverload<>(&QWidget::update));   // the clock
}

QString KeyFiguresBoard::title() const { return tr("CITY"); }

void KeyFiguresBoard::paintBody(QPainter &painter, const QRect &body)
{
    const WallFeed::KeyFigures &k = m_feed.figures();
    const int big = lineHeight(Size::Large);
    RowFlow flow = rowFlow(body);
    const QRect clock = nextRow(flow, big);
    if (clock.isNull())
        return;
    drawText(painter, clock, Qt::AlignLeft | Qt::AlignVCenter, clockText(m_feed.nowMs(), m_feed.zone()), Size::Large);
    const std::int64_t age = m_feed.dataAgeMs();
    const bool stale = age < 0 || age > std::int64_t(m_feed.staleAfterSeconds()) * 1000;
    drawText(painter, clock, Qt::AlignRight | Qt::AlignVCenter,
             age < 0 ? tr("no data") : tr("data %1 old").arg(Labels::duration(age)), Size::Normal, stale ? WallLook::amber() : WallLook::dim());
    // A time the field's clocks all contradict: said under it, before the figures.
    if (const QString clockOff = m_feed.clockOffText(); !clockOff.isEmpty())
        if (const QRect row = nextRow(flow, lineHeight(Size::Normal)); !row.isNull())
            drawText(painter, row, Qt::AlignLeft | Qt::AlignVCenter, clockOff, Size::Normal, WallLook::amber());
    // This wall's own recording in trouble: said here, where the room looks, as a desk's status bar says it.
    if (!k.recordingTrouble.isEmpty())
        if (const QRect row = nextRow(flow, lineHeight(Size::Normal)); !row.isNull())
            drawText(painter, row, Qt::AlignLeft | Qt::AlignVCenter,
                     QFontMetrics(m_look.normal).elidedText(k.recordingTrouble, Qt::ElideRight, row.width()), Size::Normal,
                     k.notRecording ? WallLook::red() : WallLook::amber());
    // ... and the room's other desks' (their signed statuses): a hole in the room's record wherever it is, each kind on
    // its own line in its own colour (a desk at risk is not cut off the edge by one that stopped).
    for (const auto &[said, colour] : {std::pair{k.desksNotRecording, WallLook::red()}, std::pair{k.desksRecordingAtRisk, WallLook::amber()}})
        if (!said.isEmpty())
            if (const QRect row = nextRow(flow, lineHeight(Size::Normal)); !row.isNull())
                drawText(painter, row, Qt::AlignLeft | Qt::AlignVCenter, QFontMetrics(m_look.normal).elidedText(said, Qt::ElideRight, row.width()),
                         Size::Normal, colour);
    flow.y += m_look.margin;
    const struct {
        QString label;
        QString value;
        bool abnormal;
    } rows[] = {{tr("Signals fault/flash"), QString::number(k.signalsFaulted), k.signalsFaulted > 0},
                {tr("Not reporting"), QString::number(k.devicesNotReporting), k.devicesNotReporting > 0},
                {tr("Incidents overdue"), QString::number(k.incidentsOverdue), k.incidentsOverdue > 0},
                {tr("Field link"), k.linkText.toUpper(), k.link != LinkState::Connected},
                // Deliberate, not abnormal (a green wave, a held junction): where a small tile cuts rows, this goes first.
                {tr("Signals held/pre-empted"), QString::number(k.signalsHeld), false}};
    // Where the tile cannot hold every row (the lines above took their room), what is normal gives way, the last first:
    // an abnormal figure is never cut for a normal one. The rows keep their order.
    constexpr int kRows = int(std::size(rows));
    int room = 0;
    for (RowFlow probe = flow; room < kRows && !nextRow(probe, big).isNull(); ++room) {
    }
    std::array<bool, kRows> shown;
    shown.fill(true);
    for (int i = kRows - 1, over = kRows - room; i >= 0 && over > 0; --i)
        if (!rows[i].abnormal) {
            shown[size_t(i)] = false;
            --over;
        }
    for (int i = 0; i < kRows; ++i) {
        if (!shown[size_t(i)])
            continue;
        const auto &r = rows[i];
        const QRect row = nextRow(flow, big);
        if (row.isNull())
            return;
        const QColor c = r.abnormal ? WallLook::amber() : WallLook::dim();
        drawText(painter, row, Qt::AlignLeft | Qt::AlignVCenter, (r.abnormal ? QStringLiteral("\u25B2 ") : QString()) + r.label, Size::Normal,
                 r.abnormal ? WallLook::amber() : WallLook::dim());
        drawText(painter, row, Qt::AlignRight | Qt::AlignVCenter, r.value, Size::Large, r.abnormal ? c : WallLook::text());
    }
}

// --- clock ---

ClockTile::ClockTile(WallFeed &feed, const WallLook &look, QWidget *parent) : WallTile(feed, look, parent)
{
    connect(&feed, &WallFeed::tick, this, qOverload<>(&QWidget::update));
}

QString ClockTile::title() const { return tr("TIME"); }

void ClockTile::paintBody(QPainter &painter, const QRect &whole)
{
    const QRect body = firstPanel(whole);   // centred on one panel, not across a frame
    const int big = lineHeight(Size::Huge), line = lineHeight(Size::Normal);
    const QString clockOff = m_feed.clockOffText();   // the room reads the time from here: a wrong one is said under it
    const int top = body.center().y() - (big + (clockOff.isEmpty() ? 2 : 3) * line) / 2;
    drawText(painter, QRect(body.left(), top, body.width(), big), Qt::AlignCenter, clockText(m_feed.nowMs(), m_feed.zone()), Size::Huge);
    drawText(painter, QRect(body.left(), top + big, body.width(), line), Qt::AlignCenter,
             QLocale().toString(QDateTime::fromMSecsSinceEpoch(m_feed.nowMs(), m_feed.zone()).date(), QLocale::LongFormat), Size::Normal, WallLook::dim());
    const std::int64_t age = m_feed.dataAgeMs();
    const bool stale = age < 0 || age > std::int64_t(m_feed.staleAfterSeconds()) * 1000;
    drawText(painter, QRect(body.left(), top + big + line, body.width(), line), Qt::AlignCenter,
             age < 0 ? tr("no field data yet") : tr("newest data %1 old").arg(Labels::duration(age)), Size::Normal,
             stale ? WallLook::amber() : WallLook::dim());
    if (!clockOff.isEmpty())
        drawText(painter, QRect(body.left(), top + big + 2 * line, body.width(), line), Qt::AlignCenter, clockOff, Size::Normal, WallLook::amber());
}

} // namespace cityops
