// MainWindow: finding things (the search box) and what the Help menu tells (shortcuts, response rules, about).
// Split from mainwindow.cpp.
#include "mainwindow.h"

#include "labels.h"
#include "map/mapsearch.h"
#include "map/mapview.h"
#include "ops/opsconsole.h"

#include <QAction>
#include <QCompleter>
#include <QLineEdit>
#include <QMessageBox>
#include <QStatusBar>
#include <QToolBar>

namespace cityops {

void MainWindow::buildSearch()
{
    auto *bar = addToolBar(tr("Search"));
    bar->setObjectName(QStringLiteral("search"));
    bar->setMovable(false);
    m_search = new QLineEdit(this);
    m_search->setPlaceholderText(tr("Find a device, street or incident #… (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(360);
    auto *completer = new QCompleter(searchVocabulary(m_engine.city()), m_search);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    m_search->setCompleter(completer);
    bar->addWidget(m_search);
    auto *find = new QAction(tr("Find"), this);
    find->setShortcut(QKeySequence::Find);
    connect(find, &QAction::triggered, this, [this] {
        m_search->setFocus();
        m_search->selectAll();
    });
    addAction(find);
    connect(m_search, &QLineEdit::returnPressed, this, [this] { showSearchResult(m_search->text()); });
}

bool MainWindow::showSearchResult(const QString &query)
{
    const auto hit = searchCity(*m_scene, query);
    if (!hit) {
        statusBar()->showMessage(tr("Nothing found for \"%1\"").arg(query), 6000);
        return false;
    }
    switch (hit->kind) {
    case SearchHit::Kind::Incident:
        focusIncident(hit->id);
        break;
    case SearchHit::Kind::Device:
        m_map->centerOn(hit->box.center(), std::max(m_map->viewport().zoom(), 17.0));
        m_map->select({MapSelection::Kind::Device, hit->id});
        break;
    case SearchHit::Kind::Street: {
        MapViewport v = m_map->viewport();
        v.fit(hit->box, 80);
        m_map->centerOn(hit->box.center(), std::min(v.zoom(), 18.0));
        break;
    }
    }
    statusBar()->showMessage(tr("Showing %1").arg(hit->label), 4000);
    m_map->setFocus();
    return true;
}

void MainWindow::showShortcuts()
{
    QMessageBox::information(
        this, tr("Keyboard shortcuts"),
        tr("<table>"
           "<tr><td><b>Arrow keys</b></td><td>pan the map</td></tr>"
           "<tr><td><b>+ / −, PgUp / PgDn, wheel</b></td><td>zoom in / out</td></tr>"
           "<tr><td><b>Home, Ctrl+0</b></td><td>whole city</td></tr>"
           "<tr><td><b>Esc</b></td><td>clear the selection</td></tr>"
           "<tr><td><b>Alt+1 … Alt+6</b></td><td>show / hide map layers</td></tr>"
           "<tr><td><b>F6 / F7</b></td><td>focus the map / the incident list</td></tr>"
           "<tr><td><b>Enter</b> (incident list)</td><td>fly to the incident</td></tr>"
           "<tr><td><b>Ctrl+F</b></td><td>find a device, street or incident</td></tr>"
           "<tr><td><b>Ctrl+Shift+L</b></td><td>show / hide the legend</td></tr>"
           "<tr><td><b>Ctrl+E</b></td><td>export a time window</td></tr>"
           "<tr><td><b>Ctrl+Shift+W</b></td><td>show the selection on the video wall</td></tr>"
           "<tr><td><b>Ctrl+R / Ctrl+L</b></td><td>replay the recording / return to live</td></tr>"
           "<tr><td><b>Space, ← →, PgUp / PgDn</b> (replay)</td><td>play/pause, step 10 s, previous/next incident</td></tr>"
           "<tr><td><b>Ctrl+Q</b></td><td>close the console (asks first)</td></tr></table>")
            + tr("<p><b>Ctrl+Alt+L</b> lock the console · Session ▸ Hand over the shift · View ▸ Reset the layout</p>"));
}

void MainWindow::showRulesProblem(const QString &why)
{
    const QString said = tr("The city's response rules were changed but cannot be used; those in force stay: %1").arg(why);
    statusBar()->showMessage(said, 60000);
    m_ops->post(true, said);
}

void MainWindow::showResponseRules()
{
    QMessageBox::information(this, tr("Response rules"), Labels::responseRules(m_engine.responseRules()));
}

void MainWindow::showAbout()
{
    const CityMeta &meta = m_engine.city().meta;
    QMessageBox::about(this, tr("About CityOps"),
                       tr("<h3>CityOps %1</h3><p>Operations console for city control rooms.</p>"
                          "<p><b>City:</b> %2<br><b>Source:</b> %3</p><p>%4</p>"
                          "<p>Map data © OpenStreetMap contributors, available under the Open Database License "
                          "(ODbL). Road network converted with Eclipse SUMO (EPL-2.0).</p>")
                           .arg(QStringLiteral(CITYOPS_VERSION), meta.name.toHtmlEscaped(), meta.source.toHtmlEscaped(),
                                meta.attribution.toHtmlEscaped()));
}

} // namespace cityops
