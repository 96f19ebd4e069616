<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>EventSummaryText</name>
    <message>
        <source>%1 %2 account of %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>limits %1 … %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2, balance %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 %3 → %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LedgerTerms</name>
    <message>
        <source>Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transaction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>US Dollar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Euro</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>British Pound</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Japanese Yen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bitcoin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ethereum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loyalty Points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>External</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdrawal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account status changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account limits changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account command rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Balance changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top-up requested</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top-up completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top-up failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdrawal requested</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdrawal completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdrawal failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transfer requested</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transfer completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transfer failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment requested</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund requested</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund failed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PickerSearches</name>
    <message>
        <source>%1 · %2 · %3 %4 · %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 account of %2, %3, balance %4 %5 — %6</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · paid %2 %3 · %4 refundable · %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment by %2: %3 %4, of which %3 %5 can still be refunded — %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QProgressDialog</name>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReasonText</name>
    <message>
        <source>Enter an amount.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use digits with an optional decimal point, like 12.50.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the amount out in full, without an exponent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave out thousands separators.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The amount must be a number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The amount must not be negative.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The amount must be greater than zero.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This currency allows fewer decimals.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The amount is too large.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This currency is not known.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This currency is not in use.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This value is not valid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This request was already used for a different command.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no such account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This account already exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The account is not active.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The account is closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This account is of the wrong type for this operation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose two different accounts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The accounts are in different currencies.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The account does not hold enough money.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The balance would exceed the account&apos;s maximum.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The balance would grow beyond what the ledger can hold.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only an account with a zero balance can be closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The account cannot change to that status.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These limits are not valid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The current balance lies outside these limits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no such transaction.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only payments can be refunded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The payment did not complete.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The refund is more than what is left of the payment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ledger was too busy; try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ledger could not be written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This desk is read-only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ledger&apos;s log is not what was written; Verify ledger names the event.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StatementPdf</name>
    <message>
        <source>&lt;h2&gt;Account statement&lt;/h2&gt;&lt;p&gt;Account %1, owner %2, currency %3&lt;br&gt;Period %4 to %5&lt;/p&gt;&lt;p&gt;&lt;b&gt;Opening balance: %6&lt;/b&gt;&lt;/p&gt;&lt;table border=1 cellspacing=0 cellpadding=3 width=100%&gt;&lt;tr&gt;&lt;th&gt;Position&lt;/th&gt;&lt;th&gt;Time (UTC)&lt;/th&gt;&lt;th&gt;Type&lt;/th&gt;&lt;th&gt;Transaction&lt;/th&gt;&lt;th&gt;Amount&lt;/th&gt;&lt;th&gt;Balance&lt;/th&gt;&lt;/tr&gt;%7&lt;/table&gt;&lt;p&gt;&lt;b&gt;Closing balance: %8&lt;/b&gt;&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account statement %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TableExport</name>
    <message>
        <source>Exporting rows…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Exporting rows… %n written</source>
        <translation>
            <numerusform>Exporting rows… %n row written</numerusform>
            <numerusform>Exporting rows… %n rows written</numerusform>
        </translation>
    </message>
    <message>
        <source>Export rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The rows could not be exported: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file could not be written: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>billing::ui::AccountStatusDialog</name>
    <message>
        <source>Change account status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Account:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New &amp;status:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set the status of %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>billing::ui::AccountWindow</name>
    <message>
        <source>%1 → %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy transaction id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Statement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status &amp;history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy &amp;id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export to CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This account cannot be shown: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; · %2 · %3 · &lt;b&gt;%4&lt;/b&gt; · %5&lt;br&gt;minimum %6, maximum %7 · id %8</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Showing the newest %n line(s).</source>
        <translation>
            <numerusform>Showing the newest %n line.</numerusform>
            <numerusform>Showing the newest %n lines.</numerusform>
        </translation>
    </message>
    <message>
        <source>Export statement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click an event to travel there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Balance over time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Statement &amp;PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Statement PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;From (UTC):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;To (UTC):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No statement: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 could not be written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The statement was written to %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>billing::ui::AccountsTableModel</name>
    <message>
        <source>Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Currency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Balance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updated (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>billing::ui::AsOfAccountsModel</name>
    <message>
        <source>Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Currency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Balance as of</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>billing::ui::AuditLogTableModel</name>
    <message>
        <source>Position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correlation ID</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>billing::ui::BalanceChart</name>
    <message>
        <source>No balance changes yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Position %1: balance %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>billing::ui::CommandDialog</name>
    <message>
        <source>Side</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Review…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Confirm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose one from the list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Debited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status: %1 → %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ledger will refuse this: %1 If you confirm, the refusal is recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ledger could not be reached: %1
Retry sends the same request again; it cannot be booked twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
Reference in the ledger: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>billing::ui::CreateAccountDialog</name>
    <message>
        <source>New account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer, bank or merchant id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How far below zero the balance may go; empty for none.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The highest balance allowed; empty for no maximum.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;urrency:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Owner:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner t&amp;ype:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>O&amp;verdraft:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ma&amp;ximum balance:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter who owns the account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New %1 account for %2 in %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>billing::ui::DeskServeRole</name>
    <message>
        <source>An auditor&apos;s desk does not hold the serve role: it decides no commands.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The serve role needs the distributed store (kafka:HOST:PORT).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serve role: deciding commands</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serve role: standing by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serve role failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serve role: joining</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>billing::ui::EntityPicker</name>
    <message>
        <source>Type an owner or an id…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing chosen yet.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>billing::ui::EventHistoryView</name>
    <message>
        <source>Select an event to see it exactly as stored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the whole &amp;saga</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Travel to this event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show this &amp;account&apos;s history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The event could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Free-text search reads every event: its index failed (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preparing free-text search: %1 of %2 events (%3%). Until it is ready, free text reads every event and may take a while.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>billing::ui::EventsTableModel</name>
    <message>
        <source>Position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Aggregate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correlation ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Causation ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Summary</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>billing::ui::LedgerTableView</name>
    <message>
        <source>Filter by id, owner, reference…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All types</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All currencies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account id (with its transactions)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correlation id (a whole saga)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>At least %n row(s); scroll to the end to count more</source>
        <translation>
            <numerusform>At least %n row; scroll to the end to count more</numerusform>
            <numerusform>At least %n rows; scroll to the end to count more</numerusform>
        </translation>
    </message>
    <message>
        <source>From YYYY-MM-DD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To YYYY-MM-DD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ledger could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export rows to CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n row</numerusform>
            <numerusform>%n rows</numerusform>
        </translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search the events&apos; words…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finds events holding these words: ids, amounts, owners, references, types. The last word may be the start of a word (three letters or more, unless it is a common word), so &quot;custo&quot; finds customer-12345; a piece from inside a word is not found.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>billing::ui::LedgerVerification</name>
    <message numerus="yes">
        <source>The ledger is intact: %n event(s) checked; the hash chain is unbroken, every currency sums to zero and the projections equal a replay.</source>
        <translation>
            <numerusform>The ledger is intact: %n event checked; the hash chain is unbroken, every currency sums to zero and the projections equal a replay.</numerusform>
            <numerusform>The ledger is intact: %n events checked; the hash chain is unbroken, every currency sums to zero and the projections equal a replay.</numerusform>
        </translation>
    </message>
    <message>
        <source>The ledger is NOT intact. The first bad event is at position %1%2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (event %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ledger is NOT intact.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trial balance: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verifying the ledger…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verify ledger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ledger could not be verified: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>billing::ui::MainWindow</name>
    <message>
        <source>Billing Desk — auditor (read-only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Billing Desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ledger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening the ledger…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the ledger: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ledger could not be opened:
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Accounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Transactions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit &amp;log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add &amp;demo data…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export rows to CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;ccount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New account…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change &amp;status…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open selected account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Money</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Top up…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Withdraw…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T&amp;ransfer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Payment…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;fund…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Billing Desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Billing Desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Billing Desk %1
A double-entry billing ledger on event sourcing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T&amp;ransfer from…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pay…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Suspend…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Activate…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;lose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refund…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An empty ledger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This ledger holds nothing yet. Add demo data (a few owners, accounts in three currencies and a few hundred transactions) to see how the desk works?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adding demo data…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No demo data was added: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not reachable: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Projection lag: %n event(s)</source>
        <translation>
            <numerusform>Projection lag: %n event</numerusform>
            <numerusform>Projection lag: %n events</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Event history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time t&amp;ravel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;udit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Verify ledger…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step &amp;back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step &amp;forward</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Return to &amp;now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the whole &amp;saga</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Travel to the selected event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy selected id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Rebuild projections…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>row %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The import stopped: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 completed, %2 rejected, %3 not accepted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import cancelled: %1 completed, %2 rejected, %3 not accepted, %4 not run (importing the file again runs them).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The rebuild was cancelled at position %1 of %2: the tables show the ledger up to there. Run the rebuild again to finish it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rebuilding the projections from the log…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rebuild projections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The projections were not rebuilt: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>billing::ui::MoveMoneyDialog</name>
    <message>
        <source>Top up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Account to credit:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;From (external):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdraw</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Account to debit:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;To (external):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Paying account:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;To (system):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invoice or ticket number (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;mount:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reference:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>billing::ui::RefundDialog</name>
    <message>
        <source>Refund</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ticket or reason (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Payment:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;mount:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reference:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund of %1 %2 from payment %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>billing::ui::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sqlite:PATH or kafka:HOST:PORT (empty: the default file)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>postgresql://USER@HOST:PORT/DB (distributed mode)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offer demo data when the ledger is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open read-only, as an auditor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Store:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Projections:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Operator:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time travel keeps a checkpoint of every account this often: smaller uses more memory and makes far jumps shorter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time-travel &amp;checkpoint every:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PostgreSQL password is never stored here: it comes from PGPASSWORD or from a file with mode 0600 named by BILLING_PGPASSWORD_FILE. An auditor gives the auditor&apos;s login as the projections user.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store must be sqlite:PATH or kafka:HOST:PORT.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A kafka: store needs the projections: postgresql://USER@HOST:PORT/DB.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No password in the projections URL: set PGPASSWORD or BILLING_PGPASSWORD_FILE (a file with mode 0600).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The projections must be postgresql://USER@HOST:PORT/DB.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This desk decides commands (serve role)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distributed mode: this desk also does what billing-cli serve does. Every desk and billing-cli sends its commands to one decision maker; with several desks that have this role, one decides and the others stand by.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store, the language, the roles and the checkpoints apply from the next start.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>billing::ui::StatementModel</name>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counterparty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Balance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reference</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>billing::ui::TimeTravelView</name>
    <message>
        <source>◀ Step back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step forward ▶</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>position </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Compare with…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot travel there: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AS OF the latest event, position %1 (%2) — read-only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AS OF position %1 of %2 (%3) — read-only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No event follows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next event: %1 (highlighted accounts change)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trial balance as of this point (Σ per currency): %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(between the two legs of a transaction: the next event books the other)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing booked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare position %1 with %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Balances that differ (%n):</source>
        <translation>
            <numerusform>Balance that differs (%n):</numerusform>
            <numerusform>Balances that differ (%n):</numerusform>
        </translation>
    </message>
    <message>
        <source>Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Currency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Transactions completed in between (%n):</source>
        <translation>
            <numerusform>Transaction completed in between (%n):</numerusform>
            <numerusform>Transactions completed in between (%n):</numerusform>
        </translation>
    </message>
    <message>
        <source>Transaction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xport balances…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As of position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export balances</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the ledger&apos;s history for time travel…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step back (Alt+Left)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step forward (Alt+Right)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Return to now (Alt+End)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comparing position %1 with %2…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(the first %1 are listed)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>billing::ui::TransactionsTableModel</name>
    <message>
        <source>Time (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counterparty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Currency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correlation ID</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Billing Desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--role must be clerk or auditor, not &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sqlite:PATH, or kafka:HOST:PORT[,...] with --projections.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With a kafka: store, the PostgreSQL projections: postgresql://USER@HOST:PORT/DB (the password from PGPASSWORD or a 0600 file named by BILLING_PGPASSWORD_FILE, never here).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who issues commands.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>clerk (default) or auditor (read-only; with kafka: the projections user is the auditor&apos;s login, a member of billing_auditor).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With a kafka: store, also decide the ledger&apos;s commands, as billing-cli serve does (not with --role auditor).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>en or de.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill an empty ledger with demo data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the store, print a summary as JSON, exit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write PNGs of the windows and forms into DIR (on a demo store), exit.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
