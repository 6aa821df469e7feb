#include "panels/energypanel.h"

#include "labels.h"

#include "map/mapstyle.h"

#include <QLabel>
#include <QTimeZone>
#include <QVBoxLayout>

#include "panels/qcustomplot_include.h"

#include <algorithm>
#include <numeric>

namespace cityops {
namespace {

constexpr int kBusiestShown = 5;

void styleAxisRect(QCPAxisRect *rect)
{
    const QColor axis(0x9a, 0xa1, 0xa8), grid(0x3a, 0x40, 0x46);
    for (QCPAxis *a : rect->axes()) {
        a->setBasePen(QPen(axis));
        a->setTickPen(QPen(axis));
        a->setSubTickPen(QPen(axis));
        a->setTickLabelColor(axis);
        a->setLabelColor(axis);
        a->grid()->setPen(QPen(grid, 1, Qt::DotLine));
    }
}

} // namespace

EnergyPanel::EnergyPanel(std::shared_ptr<const CityModel> city, QWidget *parent)
    : QWidget(parent), m_city(std::move(city)), m_plot(new QCustomPlot(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    m_headline = new QLabel(this);
    QFont f = m_headline->font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 1.15);
    m_headline->setFont(f);
    layout->addWidget(m_headline);
    layout->addWidget(m_plot, 1);

    m_plot->setBackground(mapstyle::background());
    m_plot->plotLayout()->clear();
    auto *cityRect = new QCPAxisRect(m_plot);
    m_feederRect = new QCPAxisRect(m_plot);
    m_plot->plotLayout()->addElement(0, 0, cityRect);
    m_plot->plotLayout()->addElement(0, 1, m_feederRect);
    const QTimeZone zone = Labels::zone(*m_city);
    for (QCPAxisRect *rect : {cityRect, m_feederRect}) {
        auto ticker = QSharedPointer<QCPAxisTickerDateTime>::create();
        ticker->setDateTimeFormat(QStringLiteral("HH:mm"));
        ticker->setTimeZone(zone);
        ticker->setTickCount(5);
        rect->axis(QCPAxis::atBottom)->setTicker(ticker);
        styleAxisRect(rect);
    }
    cityRect->axis(QCPAxis::atLeft)->setLabel(tr("City load (MW)"));
    m_feederRect->axis(QCPAxis::atLeft)->setLabel(tr("Busiest feeders (% of rating)"));

    QCPGraph *total = m_plot->addGraph(cityRect->axis(QCPAxis::atBottom), cityRect->axis(QCPAxis::atLeft));
    total->setPen(QPen(QColor(0xc8, 0xcd, 0xd2), 2.0));
    total->setBrush(QColor(0xc8, 0xcd, 0xd2, 30));
    for (int i = 0; i < kBusiestShown; ++i)
        m_plot->addGraph(m_feederRect->axis(QCPAxis::atBottom), m_feederRect->axis(QCPAxis::atLeft));
    auto *limit = new QCPItemStraightLine(m_plot);
    limit->setClipAxisRect(m_feederRect);
    limit->point1->setAxes(m_feederRect->axis(QCPAxis::atBottom), m_feederRect->axis(QCPAxis::atLeft));
    limit->point2->setAxes(m_feederRect->axis(QCPAxis::atBottom), m_feederRect->axis(QCPAxis::atLeft));
    limit->point1->setCoords(0, 100);
    limit->point2->setCoords(1, 100);
    limit->setPen(QPen(mapstyle::alarmRed(), 1, Qt::DashLine));

    auto *legend = new QCPLegend;
    m_legend = legend;
    m_feederRect->insetLayout()->addElement(legend, Qt::AlignTop | Qt::AlignLeft);
    legend->setLayer(QStringLiteral("legend"));
    legend->setBrush(QColor(0x23, 0x27, 0x2b, 200));
    legend->setBorderPen(Qt::NoPen);
    legend->setTextColor(QColor(0xc8, 0xcd, 0xd2));
    for (int i = 1; i <= kBusiestShown; ++i)
        legend->addItem(new QCPPlottableLegendItem(legend, m_plot->graph(i)));
    setMinimumHeight(200);
    setSeries(LoadHistory::Series{});   // what it shows until the first telemetry: waiting, no legend, blank scales
}

void EnergyPanel::showScales(bool shown)
{
    // Before the first telemetry the axes have no time or load to show: QCustomPlot's default range would label the
    // time axis 01:00 at every tick (1970) and the loads 0–5. Blank scales, until there is something to measure.
    for (QCPAxisRect *rect : m_plot->axisRects())
        for (QCPAxis *axis : {rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft)})
            axis->setTickLabels(shown);
}

void EnergyPanel::setSeries(const LoadHistory::Series &series)
{
    if (series.timesMs.empty()) {
        m_headline->setText(tr("Energy: waiting for feeder telemetry"));
        for (int g = 0; g < m_plot->graphCount(); ++g) {
            m_plot->graph(g)->data()->clear();
            m_plot->graph(g)->setVisible(false);
        }
        m_legend->setVisible(false);
        showScales(false);
        m_plotted.clear();
        m_plot->replot(QCustomPlot::rpQueuedReplot);
        return;
    }
    m_legend->setVisible(true);
    showScales(true);
    m_plot->graph(0)->setVisible(true);
    QVector<double> keys, total;
    for (size_t i = 0; i < series.timesMs.size(); ++i) {
        keys << series.timesMs[i] / 1000.0;
        total << series.totalKw[i] / 1000.0;
    }
    m_plot->graph(0)->setData(keys, total, true);

    // Busiest by current share of rating.
    std::vector<int> order(series.feederKw.size());
    std::iota(order.begin(), order.end(), 0);
    auto ratio = [&](int f) { return series.feederKw[f].empty() ? 0.0 : series.feederKw[f].back() / m_city->feeders[f].capacityKw; };
    std::sort(order.begin(), order.end(), [&](int a, int b) { return ratio(a) > ratio(b); });
    static const QColor greys[] = {QColor(0xd6, 0xda, 0xde), QColor(0xa9, 0xbc, 0xcf), QColor(0x8f, 0x9d, 0xab),
                                   QColor(0x7a, 0x86, 0x92), QColor(0x67, 0x71, 0x7b)};
    m_plotted.clear();
    double maxPct = 100;
    for (int g = 0; g < kBusiestShown; ++g) {
        QCPGraph *graph = m_plot->graph(g + 1);
        if (g >= static_cast<int>(order.size())) {
            // A city with fewer feeders: no line, and no legend row with QCustomPlot's default name ("Graph 6").
            graph->data()->clear();
            graph->setVisible(false);
            graph->removeFromLegend(m_legend);
            continue;
        }
        if (!m_legend->hasItemWithPlottable(graph))
            graph->addToLegend(m_legend);   // hidden graphs are always the last ones: the rows keep their order
        const int f = order[g];
        QVector<double> pct;
        for (float kw : series.feederKw[f]) {
            pct << kw / m_city->feeders[f].capacityKw * 100.0;
            maxPct = std::max(maxPct, pct.back());
        }
        graph->setData(keys, pct, true);
        const double now = ratio(f);
        graph->setPen(QPen(now > 1.0 ? mapstyle::alarmRed() : now >= 0.8 ? mapstyle::alarmAmber() : greys[g], now >= 0.8 ? 2.5 : 1.5));
        const QString id = m_city->devices[m_city->feeders[f].device].id;
        graph->setName(QStringLiteral("%1  %2 %").arg(id).arg(qRound(now * 100)));
        graph->setVisible(true);
        m_plotted << id;
    }
    const double span = 3600.0;
    for (QCPAxisRect *rect : m_plot->axisRects())
        rect->axis(QCPAxis::atBottom)->setRange(keys.back() - span, keys.back());
    m_plot->graph(0)->valueAxis()->setRange(0, *std::max_element(total.begin(), total.end()) * 1.15);
    m_feederRect->axis(QCPAxis::atLeft)->setRange(0, std::ceil(maxPct / 10.0) * 10.0 + 5);
    const double capacity = std::accumulate(m_city->feeders.begin(), m_city->feeders.end(), 0.0,
                                            [](double s, const FeederInfo &f) { return s + f.capacityKw; });
    m_headline->setText(tr("City load %1 MW of %2 MW rated").arg(total.back(), 0, 'f', 1).arg(capacity / 1000.0, 0, 'f', 0));
    m_plot->replot(); // now, so the chart and the headline never disagree
}

} // namespace cityops
