#include "access/peopledialog.h"

#include "access/accesscontrol.h"
#include "access/accessoverlay.h"
#include "labels.h"
#include "map/mapstyle.h"
#include "security/adminjournal.h"
#include "security/userdirectory.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace cityops {
namespace {

enum Column { Name, RoleColumn, Districts, State };

/// Something that stands in the way of a sign-in and needs someone: the list's one colour.
bool abnormal(const UserAccount &a, std::int64_t nowMs) { return a.lockedUntilMs > nowMs || a.oncePasswordExpired(nowMs); }

/// "03:12" today, "Thu 03:12" within the week ahead, else the date: a time an operator reads at a glance.
QString shortTime(std::int64_t atMs, std::int64_t nowMs)
{
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(atMs), now = QDateTime::fromMSecsSinceEpoch(nowMs);
    const qint64 days = now.date().daysTo(at.date());
    QString time = QLocale().toString(at.time(), QStringLiteral("HH:mm"));
    if (days == 0)
        return time;
    if (days > 0 && days < 7)
        return QLocale().toString(at.date(), QStringLiteral("ddd")) + QLatin1Char(' ') + time;
    return QLocale().toString(at.date(), QLocale::ShortFormat) + QLatin1Char(' ') + time;
}

/// The object name of a read's watcher (a change's has none).
constexpr char kRead[] = "read";

/// Gives `into`'s people what `from` says the directory grants them, by name; the names it did not know (their
/// grants still to be read). Where it knew everyone, `into` says what `from` said (their roles, or why they could not
/// be read); else it still asks, those it knew keeping what was read of them.
QSet<QString> carryGrants(PeopleList &into, const PeopleList &from)
{
    QSet<QString> unknown;
    if (from.grants == PeopleList::Grants::NotAsked || from.grants == PeopleList::Grants::NotKept) {
        for (const PeopleList::Person &p : into.people)
            unknown.insert(p.account.name);
        return unknown;
    }
    into.whyUnread = from.whyUnread;
    if (from.grants == PeopleList::Grants::Unread) {
        into.grants = PeopleList::Grants::Unread;
        return unknown;
    }
    QHash<QString, const PeopleList::Person *> byName;
    for (const PeopleList::Person &p : from.people)
        byName.insert(p.account.name, &p);
    for (PeopleList::Person &p : into.people) {
        const PeopleList::Person *read = byName.value(p.account.name);
        if (!read) {
            unknown.insert(p.account.name);
            continue;
        }
        p.standing = read->standing;
        p.account.role = read->account.role;
        p.account.districts = read->account.districts;
    }
    into.grants = unknown.isEmpty() ? PeopleList::Grants::Said : PeopleList::Grants::NotAsked;
    return unknown;
}

} // namespace

PeopleDialog::PeopleDialog(AccessControl &access, PeopleBook &book, QWidget *parent)
    : QDialog(parent), m_access(access), m_accessAlive(&access), m_book(book), m_local(dynamic_cast<UserDirectory *>(&book))
{
    setWindowTitle(tr("People"));
    auto *layout = new QVBoxLayout(this);
    m_intro = new QLabel(this);
    m_intro->setWordWrap(true);
    layout->addWidget(m_intro);
    m_list = new QTreeWidget(this);
    m_list->setObjectName(QStringLiteral("people"));
    m_list->setRootIsDecorated(false);
    m_list->setHeaderLabels({tr("Name"), tr("Role"), tr("Districts"), tr("State")});
    m_list->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_list->header()->setStretchLastSection(true);
    layout->addWidget(m_list, 1);
    m_said = AccessOverlay::refusalLabel(this);
    layout->addWidget(m_said);
    // Shown once, large and selectable: it is read out or copied to the person, and never shown again.
    m_password = new QLabel(this);
    m_password->setObjectName(QStringLiteral("temporaryPassword"));
    m_password->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_password->setWordWrap(true);
    m_password->hide();
    layout->addWidget(m_password);

    auto *actions = new QHBoxLayout;
    m_unlock = new QPushButton(tr("&Unlock"), this);
    m_reset = new QPushButton(tr("&Reset password for one use…"), this);
    m_disable = new QPushButton(tr("&Disable"), this);
    actions->addWidget(m_unlock);
    actions->addWidget(m_reset);
    actions->addWidget(m_disable);
    actions->addStretch(1);
    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    actions->addWidget(close);
    layout->addLayout(actions);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_unlock, &QPushButton::clicked, this, &PeopleDialog::unlockSelected);
    connect(m_reset, &QPushButton::clicked, this, &PeopleDialog::resetSelected);
    connect(m_disable, &QPushButton::clicked, this, &PeopleDialog::toggleSelected);
    connect(m_list, &QTreeWidget::currentItemChanged, this, &PeopleDialog::updateButtons);
    // The city's directory keeps its accounts, roles and passwords: here only what this machine's consoles hold of them,
    // and what it grants them where the console may ask it (shown once read).
    m_list->setColumnHidden(RoleColumn, !m_local);
    m_list->setColumnHidden(Districts, !m_local);
    m_reset->setVisible(m_local != nullptr);
    m_disable->setVisible(m_local != nullptr);
    resize(720, 480);
    reload();
    sayWho();
    // What a sign-in would find changes with the time (a lock ends) and elsewhere (a lock begins at another desk).
    m_refresh.setInterval(kRefreshMs);
    connect(&m_refresh, &QTimer::timeout, this, [this] { reload({}, true); });
    m_refresh.start();
}

PeopleDialog::~PeopleDialog()
{
    // A change is seen through (it writes the directory's file at once, and its journal must say it); a read is left to
    // the desk, which waits for it only as it closes: a directory that does not answer must not hold the desk.
    // The desk may have gone first (the console closing with People open): then the read is waited for here, as the
    // directory outlives both.
    for (QFutureWatcherBase *running : findChildren<QFutureWatcherBase *>()) {
        if (running->objectName() == QLatin1String(kRead) && m_accessAlive)
            m_access.keepUntilDone(QFuture<void>(static_cast<QFutureWatcher<Result<PeopleList>> *>(running)->future()));
        else
            running->waitForFinished();
    }
}

void PeopleDialog::sayWho()
{
    if (m_local)
        m_intro->setText(tr("The people of this console's user directory, as a sign-in would find them now."));
    else if (m_listed.people.empty() && !m_busy)   // read, and nobody
        m_intro->setText(tr("Nobody's sign-in has failed at this machine's consoles lately. The people and their roles are the city "
                            "directory's: disable an account or reset a password there."));
    else {
        QString who = tr("The people whose sign-ins failed at this machine's consoles, as a sign-in here would find them now. Their "
                         "accounts are the city directory's: disable one or reset a password there.");
        // The counts are this machine's and listed anyway: a lock must be liftable while the directory is down.
        if (m_listed.grants == PeopleList::Grants::Unread)
            who += QLatin1Char(' ') + tr("What the directory grants them cannot be read now: %1").arg(m_listed.whyUnread);
        m_intro->setText(who);
    }
}

QString PeopleDialog::said() const { return m_said->isHidden() ? QString() : m_said->text(); }

QString PeopleDialog::shownPassword() const { return m_password->isHidden() ? QString() : m_password->property("password").toString(); }

QString PeopleDialog::stateOf(const UserAccount &account, std::int64_t nowMs)
{
    QStringList state;
    if (account.disabled)
        state << tr("disabled");
    if (account.lockedUntilMs > nowMs)
        state << tr("locked until %1").arg(shortTime(account.lockedUntilMs, nowMs));
    else if (account.failures > 0)
        state << tr("%n failed sign-in(s)", "in a row", account.failures);
    if (account.oncePasswordExpired(nowMs))
        state << tr("password for one use expired");
    else if (account.mustChangePassword && account.onceUntilMs > 0)
        state << tr("to set their own password by %1").arg(shortTime(account.onceUntilMs, nowMs));
    else if (account.mustChangePassword)
        state << tr("to set their own password");
    return state.isEmpty() ? tr("active") : state.join(QStringLiteral(", "));
}

void PeopleDialog::reload(const QString &select, bool quietly)
{
    if (quietly && (m_busy || m_refreshing))
        return;
    (quietly ? m_refreshing : m_busy) = true;
    updateButtons();
    auto *read = new QFutureWatcher<Result<PeopleList>>(this);
    connect(read, &QFutureWatcherBase::finished, this, [this, read, select, quietly] {
        read->deleteLater();
        (quietly ? m_refreshing : m_busy) = false;
        // A change began while it read: its own read follows it, and this one may be from before it.
        if (quietly && m_busy)
            return;
        auto listed = read->result();
        if (!listed) {
            say(m_local ? tr("The user directory cannot be read: %1").arg(listed.error()) : listed.error(), true);
            updateButtons();
            return;
        }
        PeopleList next = std::move(listed).value();
        // The counts are this machine's and come at once; what the directory grants them is read after, on a worker of
        // its own (it takes the directory's time, or hangs with it), each row keeping meanwhile what was read of it.
        const bool asks = next.grants == PeopleList::Grants::NotAsked;
        m_toRead = asks ? carryGrants(next, m_listed) : QSet<QString>();
        showListed(std::move(next), select);
        if (asks)
            readGrants();
    });
    read->setObjectName(QLatin1String(kRead));
    read->setFuture(QtConcurrent::run([book = &m_book] { return book->people(PeopleBook::Read::CountsOnly); }));
}

void PeopleDialog::readGrants()
{
    if (m_readingGrants || m_listed.people.empty())
        return;
    m_readingGrants = true;
    auto *read = new QFutureWatcher<Result<PeopleList>>(this);
    connect(read, &QFutureWatcherBase::finished, this, [this, read] {
        read->deleteLater();
        m_readingGrants = false;
        const auto granted = read->result();
        if (!granted)
            return;   // the counts' own read says what cannot be read
        PeopleList next = m_listed;
        m_toRead = carryGrants(next, granted.value());
        showListed(std::move(next), {});
        if (!m_toRead.isEmpty())
            readGrants();   // someone was counted since it asked
    });
    read->setObjectName(QLatin1String(kRead));
    read->setFuture(QtConcurrent::run([book = &m_book] { return book->people(PeopleBook::Read::WithGrants); }));
}

void PeopleDialog::showListed(PeopleList listed, const QString &select)
{
    // Who was picked, by name, before the rows change under it.
    const UserAccount *picked = selected();
    const QString keep = select.isEmpty() && picked ? picked->name : select;
    const bool samePeople = std::equal(m_listed.people.begin(), m_listed.people.end(), listed.people.begin(), listed.people.end(),
                                       [](const auto &a, const auto &b) { return a.account.name == b.account.name; });
    m_listed = std::move(listed);
    const bool grantsSaid = m_listed.grants == PeopleList::Grants::Said;
    m_list->setColumnHidden(RoleColumn, m_listed.grants == PeopleList::Grants::NotKept);
    m_list->setColumnHidden(Districts, m_listed.grants == PeopleList::Grants::NotKept);
    // The same people: their rows are written over where they are (the list does not jump under the reader).
    if (!samePeople)
        m_list->clear();
    const std::int64_t now = m_access.nowMs();
    for (size_t i = 0; i < m_listed.people.size(); ++i) {
        const UserAccount &a = m_listed.people[i].account;
        const PeopleList::Standing standing = m_listed.people[i].standing;
        // While the grants are read, a row keeps what was read of it before (someone counted since says "reading…").
        const bool reading = m_listed.grants == PeopleList::Grants::NotAsked && m_toRead.contains(a.name);
        const bool said = grantsSaid || (m_listed.grants == PeopleList::Grants::NotAsked && !reading);
        const bool granted = said && standing == PeopleList::Standing::Granted;
        const QString role = reading ? tr("reading…")
                           : !said ? tr("not read")   // why: the line above the list
                           : standing == PeopleList::Standing::NoRole ? tr("none at this console")
                           : standing == PeopleList::Standing::NotInDirectory ? tr("not in the directory")
                                                                              : Labels::role(a.role);
        const QStringList texts{a.name, role, granted ? a.districts.join(QStringLiteral(", ")) : QString(), stateOf(a, now)};
        QTreeWidgetItem *item = samePeople ? m_list->topLevelItem(int(i)) : new QTreeWidgetItem(m_list, texts);
        // Colour only for what is abnormal: a lock (someone guessed, or forgot), a password for one use not taken in
        // time; disabled is an administrator's choice.
        const bool amber = abnormal(a, now);
        for (int c = 0; c < m_list->columnCount(); ++c) {
            item->setText(c, texts[c]);
            item->setData(c, Qt::BackgroundRole, amber ? QVariant(QBrush(mapstyle::alarmAmber())) : QVariant());
            item->setData(c, Qt::ForegroundRole, amber ? QVariant(QBrush(Qt::black)) : QVariant());
        }
        if (a.name == keep)
            m_list->setCurrentItem(item);
    }
    sayWho();
    updateButtons();
}

const UserAccount *PeopleDialog::selected() const
{
    const int row = m_list->currentItem() ? m_list->indexOfTopLevelItem(m_list->currentItem()) : -1;
    return row >= 0 && size_t(row) < m_listed.people.size() ? &m_listed.people[size_t(row)].account : nullptr;
}

void PeopleDialog::updateButtons()
{
    const UserAccount *a = m_busy ? nullptr : selected();
    const bool other = a && a->name != m_access.actor().user;
    const bool manages = m_local && permits(m_access.actor(), Permission::ManageAccounts);
    m_unlock->setEnabled(other && permits(m_access.actor(), Permission::UnlockAccount)
                         && (a->failures > 0 || a->lockedUntilMs > m_access.nowMs()));
    m_reset->setEnabled(other && manages);
    m_disable->setEnabled(other && manages);
    m_disable->setText(a && a->disabled ? tr("&Enable") : tr("&Disable"));
    const QString why = !a ? QString()
                      : !other ? tr("Your own account: change your password with Session ▸ Change my password.")
                      : manages ? QString()
                                : tr("Resetting a password, disabling and enabling need an administrator.");
    for (QPushButton *b : {m_reset, m_disable})
        b->setToolTip(why);
}

void PeopleDialog::say(const QString &sentence, bool refusal)
{
    m_said->setText(sentence);
    // A refusal on amber, where the person looks; what was done in the dialog's own colours.
    m_said->setStyleSheet(refusal ? AccessOverlay::refusalStyle() : QStringLiteral("QLabel { padding: 6px; }"));
    m_said->setVisible(!sentence.isEmpty());
}

void PeopleDialog::change(const QString &done, std::function<Status()> work, const QByteArray &shown)
{
    const QString name = selected() ? selected()->name : QString();
    m_busy = true;
    updateButtons();
    m_password->hide();
    auto *run = new QFutureWatcher<Status>(this);
    connect(run, &QFutureWatcherBase::finished, this, [this, run, done, shown, name] {
        run->deleteLater();
        const Status result = run->result();
        if (!result) {
            say(tr("Not done: %1").arg(result.error()), true);
        } else {
            say(done, false);
            if (!shown.isEmpty()) {
                m_password->setProperty("password", QString::fromLatin1(shown));
                m_password->setText(tr("<p>Temporary password for %1:</p><p style=\"font-family: monospace; font-size: 20pt\"><b>%2</b></p>"
                                       "<p>Give it to %1 in person. It signs nobody in: on the sign-in card it lets %1 set their own "
                                       "password, then sign in with it — within %3 hours. It is not shown again.</p>")
                                        .arg(name.toHtmlEscaped(), QString::fromLatin1(shown))
                                        .arg(UserDirectory::kOnceValidMs / 3600'000));
                m_password->show();
            }
        }
        reload(name);
    });
    run->setFuture(QtConcurrent::run(std::move(work)));
}

void PeopleDialog::unlockSelected()
{
    const UserAccount *a = selected();
    if (!a)
        return;
    change(tr("%1 is unlocked.").arg(a->name), [book = &m_book, name = a->name, by = adminjournal::account(m_access.actor().user)] {
        return book->unlockPerson(name, by);
    });
}

void PeopleDialog::toggleSelected()
{
    const UserAccount *a = selected();
    if (!a || !m_local)
        return;
    const bool disable = !a->disabled;
    change(disable ? tr("%1 is disabled: nobody signs in as %1 until the account is enabled again.").arg(a->name)
                   : tr("%1 is enabled again.").arg(a->name),
           [directory = m_local, name = a->name, disable, by = adminjournal::account(m_access.actor().user)] { return directory->setDisabled(name, disable, by); });
}

void PeopleDialog::resetSelected()
{
    const UserAccount *a = selected();
    if (!a || !m_local)
        return;
    const QString name = a->name;
    const bool approves = a->role >= Role::Supervisor;
    // Whoever sits at this desk must be the administrator the record will name.
    auto confirmed = m_access.confirmIdentity(tr("Resetting %1's password").arg(name),
                                                    tr("The record names you as having set %1's password: %2, enter your password again.")
                                                        .arg(name, m_access.actor().user));
    if (!confirmed)
        return;
    confirmed->fill('\0');   // it only had to match
    const QByteArray drawn = UserDirectory::drawTemporaryPassword();
    QString done = tr("%1's password is reset for one use.").arg(name);
    if (approves)
        done += QLatin1Char(' ') + tr("Their approval key stays sealed with the old password: make them a new one (cityops-admin approver "
                                      "remove, then add) before they approve anything.");
    change(done,
           [directory = m_local, name, drawn, by = adminjournal::account(m_access.actor().user)] {
               return directory->resetPassword(name, drawn, UserDirectory::PasswordUse::Once, by);
           },
           drawn);
}

} // namespace cityops
