/* test_money.c -- unit tests of the money plugin on hand-written sentences. */
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <pthread.h>

#include "money.h"
#include "quarry/testkit.h"

const qry_plugin_descriptor *quarry_plugin_entry(void);

static int setup(void **state)
{
    char err[512];
    qry_testkit *tk = qry_testkit_new(quarry_plugin_entry(), NULL, err, sizeof err);
    if (!tk)
        fprintf(stderr, "setup: %s\n", err);
    *state = tk;
    return tk ? 0 : -1;
}

static int teardown(void **state)
{
    qry_testkit_free(*state);
    return 0;
}

/* Run text and return the number of amounts found. */
static size_t run(qry_testkit *tk, const char *text)
{
    assert_int_equal(qry_testkit_run(tk, text), 0);
    return qry_testkit_count(tk);
}

static void print_all(const qry_testkit *tk)
{
    for (size_t i = 0; i < qry_testkit_count(tk); i++) {
        const char *v = qry_testkit_attr(tk, i, "value"), *c = qry_testkit_attr(tk, i, "currency");
        fprintf(stderr, "  found [%s] value=%s currency=%s\n", qry_testkit_entity(tk, i)->text, v ? v : "-",
                c ? c : "-");
    }
}

/* Assert an amount with exactly this surface text and these attributes
 * (value NULL = no value attribute; approx NULL = no approx attribute). */
static void expect(const qry_testkit *tk, const char *surface, const char *value, const char *currency,
                   const char *approx)
{
    const qry_test_entity *e = qry_testkit_find(tk, "money", surface);
    if (!e) {
        fprintf(stderr, "missing amount [%s]\n", surface);
        print_all(tk);
        fail();
    }
    size_t i = qry_testkit_index(tk, e);
    const char *v = qry_testkit_attr(tk, i, "value");
    if (value) {
        assert_non_null(v);
        assert_string_equal(v, value);
    } else {
        assert_null(v);
    }
    const char *c = qry_testkit_attr(tk, i, "currency");
    assert_non_null(c);
    assert_string_equal(c, currency);
    const char *a = qry_testkit_attr(tk, i, "approx");
    if (approx) {
        assert_non_null(a);
        assert_string_equal(a, approx);
    } else {
        assert_null(a);
    }
}

static void expect_range(const qry_testkit *tk, const char *surface, const char *min, const char *max,
                         const char *currency)
{
    const qry_test_entity *e = qry_testkit_find(tk, "money", surface);
    if (!e) {
        fprintf(stderr, "missing range [%s]\n", surface);
        print_all(tk);
        fail();
    }
    size_t i = qry_testkit_index(tk, e);
    assert_string_equal(qry_testkit_attr(tk, i, "min"), min);
    assert_string_equal(qry_testkit_attr(tk, i, "max"), max);
    assert_string_equal(qry_testkit_attr(tk, i, "currency"), currency);
    assert_null(qry_testkit_attr(tk, i, "value"));
}

/* Nothing at all is money in this text. */
static void expect_none(qry_testkit *tk, const char *text)
{
    size_t n = run(tk, text);
    if (n) {
        fprintf(stderr, "false alarm in: %s\n", text);
        print_all(tk);
    }
    assert_int_equal(n, 0);
}

/* ---- symbols and codes ---- */

static void test_symbols_before(void **state)
{
    qry_testkit *tk = *state;
    assert_int_equal(run(tk, "The fund pledged $45 to each family, €300 to each school and £12.50 per pupil."), 3);
    expect(tk, "$45", "45", "USD", NULL);
    expect(tk, "€300", "300", "EUR", NULL);
    expect(tk, "£12.50", "12.5", "GBP", NULL);
    assert_int_equal(run(tk, "Tickets cost ¥8,000, ₴450, ₽1,200 and ₹999 in the four cities."), 4);
    expect(tk, "¥8,000", "8000", "JPY", NULL);
    expect(tk, "₴450", "450", "UAH", NULL);
    expect(tk, "₽1,200", "1200", "RUB", NULL);
    expect(tk, "₹999", "999", "INR", NULL);
}

static void test_dollar_variants(void **state)
{
    qry_testkit *tk = *state;
    assert_int_equal(run(tk, "Bids of US$40 million, C$12 million, A$7.5 million and HK$3 billion were filed."), 4);
    expect(tk, "US$40 million", "40000000", "USD", NULL);
    expect(tk, "C$12 million", "12000000", "CAD", NULL);
    expect(tk, "A$7.5 million", "7500000", "AUD", NULL);
    expect(tk, "HK$3 billion", "3000000000", "HKD", NULL);
    /* "a $5 million grant": the article is not the Australian dollar */
    assert_int_equal(run(tk, "The city won a $5 million grant."), 1);
    expect(tk, "$5 million", "5000000", "USD", NULL);
    assert_int_equal(run(tk, "A $2 million fund opened. A$3 million followed."), 2);
    expect(tk, "$2 million", "2000000", "USD", NULL);
    expect(tk, "A$3 million", "3000000", "AUD", NULL);
}

static void test_codes_before(void **state)
{
    qry_testkit *tk = *state;
    assert_int_equal(run(tk, "The bank set aside USD 200 per client, then USD34.6 million and GBP 27 million."), 3);
    expect(tk, "USD 200", "200", "USD", NULL);
    expect(tk, "USD34.6 million", "34600000", "USD", NULL);
    expect(tk, "GBP 27 million", "27000000", "GBP", NULL);
    assert_int_equal(run(tk, "Shares were priced at CAD 14, the bond at CHF 250 million and the loan at AUD 90m."), 3);
    expect(tk, "CAD 14", "14", "CAD", NULL);
    expect(tk, "CHF 250 million", "250000000", "CHF", NULL);
    expect(tk, "AUD 90m", "90000000", "AUD", NULL);
    assert_int_equal(run(tk, "A loan of USD 5m was agreed."), 1);
    expect(tk, "USD 5m", "5000000", "USD", NULL);
}

static void test_codes_after(void **state)
{
    qry_testkit *tk = *state;
    assert_int_equal(run(tk, "Exporters earned 5 million EUR and 300 CHF in fees, plus 80 usd in tips."), 3);
    expect(tk, "5 million EUR", "5000000", "EUR", NULL);
    expect(tk, "300 CHF", "300", "CHF", NULL);
    expect(tk, "80 usd", "80", "USD", NULL);
    assert_int_equal(run(tk, "The club lost 12 GBP million last season."), 1);
    expect(tk, "12 GBP million", "12000000", "GBP", NULL);
}

static void test_symbol_after(void **state)
{
    qry_testkit *tk = *state;
    assert_int_equal(run(tk, "A coffee is 3 € here and 4$ over there."), 2);
    expect(tk, "3 €", "3", "EUR", NULL);
    expect(tk, "4$", "4", "USD", NULL);
}

/* ---- currency words ---- */

static void test_currency_words(void **state)
{
    qry_testkit *tk = *state;
    assert_int_equal(run(tk, "Kyiv received 900 million hryvnias, Moscow spent 3 billion roubles and "
                             "Minsk 40 million rubles."),
                     3);
    expect(tk, "900 million hryvnias", "900000000", "UAH", NULL);
    expect(tk, "3 billion roubles", "3000000000", "RUB", NULL);
    expect(tk, "40 million rubles", "40000000", "RUB", NULL);
    assert_int_equal(run(tk, "The deal was worth 70 billion yen, 12 billion yuan and 400 million Swiss francs."), 3);
    expect(tk, "70 billion yen", "70000000000", "JPY", NULL);
    expect(tk, "12 billion yuan", "12000000000", "CNY", NULL);
    expect(tk, "400 million Swiss francs", "400000000", "CHF", NULL);
    assert_int_equal(run(tk, "Farmers were paid 2,500 rupees, 60 euros and 15 pounds sterling each."), 3);
    expect(tk, "2,500 rupees", "2500", "INR", NULL);
    expect(tk, "60 euros", "60", "EUR", NULL);
    expect(tk, "15 pounds sterling", "15", "GBP", NULL);
}

static void test_qualified_dollars(void **state)
{
    qry_testkit *tk = *state;
    assert_int_equal(run(tk, "It sold 8 million U.S. dollars of bonds and 3 million Canadian dollars of notes."), 2);
    expect(tk, "8 million U.S. dollars", "8000000", "USD", NULL);
    expect(tk, "3 million Canadian dollars", "3000000", "CAD", NULL);
    assert_int_equal(run(tk, "Each voucher is worth 20 dollars."), 1);
    expect(tk, "20 dollars", "20", "USD", NULL);
}

static void test_default_dollar_option(void **state)
{
    (void)state;
    char err[512];
    const char *opts[] = {"default_dollar", "CAD", NULL};
    qry_testkit *tk = qry_testkit_new(quarry_plugin_entry(), opts, err, sizeof err);
    assert_non_null(tk);
    assert_int_equal(run(tk, "Ottawa will spend $30 million, or 30 million dollars, but not US$2 million."), 3);
    expect(tk, "$30 million", "30000000", "CAD", NULL);
    expect(tk, "30 million dollars", "30000000", "CAD", NULL);
    expect(tk, "US$2 million", "2000000", "USD", NULL);
    qry_testkit_free(tk);

    const char *bad[] = {"default_dollar", "dollars", NULL};
    tk = qry_testkit_new(quarry_plugin_entry(), bad, err, sizeof err);
    assert_null(tk);
    assert_non_null(strstr(err, "default_dollar"));
}

/* ---- numbers and scales ---- */

static void test_scales(void **state)
{
    qry_testkit *tk = *state;
    assert_int_equal(run(tk, "Revenue hit $1.5bn, costs €200m, a fine of £3k, debt of $80M and $2.1 trillion in "
                             "assets."),
                     5);
    expect(tk, "$1.5bn", "1500000000", "USD", NULL);
    expect(tk, "€200m", "200000000", "EUR", NULL);
    expect(tk, "£3k", "3000", "GBP", NULL);
    expect(tk, "$80M", "80000000", "USD", NULL);
    expect(tk, "$2.1 trillion", "2100000000000", "USD", NULL);
    assert_int_equal(run(tk, "Bankers booked $7MM, then 4 mln euros and 2 bln dollars."), 3);
    expect(tk, "$7MM", "7000000", "USD", NULL);
    expect(tk, "4 mln euros", "4000000", "EUR", NULL);
    expect(tk, "2 bln dollars", "2000000000", "USD", NULL);
    assert_int_equal(run(tk, "The state set aside Rs 450 crore and 20 lakh rupees for the scheme."), 2);
    expect(tk, "Rs 450 crore", "4500000000", "INR", NULL);
    expect(tk, "20 lakh rupees", "2000000", "INR", NULL);
    assert_int_equal(run(tk, "It signed a $1.2-billion deal."), 1);
    expect(tk, "$1.2-billion", "1200000000", "USD", NULL);
}

static void test_number_formats(void **state)
{
    qry_testkit *tk = *state;
    assert_int_equal(run(tk, "Prizes of $1,000, $2,500,000 and 12,34,500 rupees were paid; a share cost $.75."), 4);
    expect(tk, "$1,000", "1000", "USD", NULL);
    expect(tk, "$2,500,000", "2500000", "USD", NULL);
    expect(tk, "12,34,500 rupees", "1234500", "INR", NULL);
    expect(tk, "$.75", "0.75", "USD", NULL);
}

static void test_number_words(void **state)
{
    qry_testkit *tk = *state;
    assert_int_equal(run(tk, "Donors gave two billion dollars and a million pounds, then half a million euros."), 3);
    expect(tk, "two billion dollars", "2000000000", "USD", NULL);
    expect(tk, "a million pounds", "1000000", "GBP", NULL);
    expect(tk, "half a million euros", "500000", "EUR", NULL);
    assert_int_equal(run(tk, "It cost one and a half billion yen and forty-five thousand dollars."), 2);
    expect(tk, "one and a half billion yen", "1500000000", "JPY", NULL);
    expect(tk, "forty-five thousand dollars", "45000", "USD", NULL);
    /* "two and three" is not five */
    assert_int_equal(run(tk, "Estimates put it between two and three billion dollars."), 1);
    expect_range(tk, "two and three billion dollars", "2000000000", "3000000000", "USD");
}

static void test_cents_and_pence(void **state)
{
    qry_testkit *tk = *state;
    assert_int_equal(run(tk, "Petrol rose 9 cents a litre, stamps 12 pence, and a 25-cent coin is rare."), 3);
    expect(tk, "9 cents", "0.09", "USD", NULL);
    expect(tk, "12 pence", "0.12", "GBP", NULL);
    expect(tk, "25-cent", "0.25", "USD", NULL);
    assert_int_equal(run(tk, "The fare was 4 dollars 20 cents, or six euros and fifty cents."), 2);
    expect(tk, "4 dollars 20 cents", "4.2", "USD", NULL);
    expect(tk, "six euros and fifty cents", "6.5", "EUR", NULL);
}

static void test_two_amounts(void **state)
{
    qry_testkit *tk = *state;
    assert_int_equal(run(tk, "The budget is 3.1 billion euros ($3.4 billion) this year."), 2);
    expect(tk, "3.1 billion euros", "3100000000", "EUR", NULL);
    expect(tk, "$3.4 billion", "3400000000", "USD", NULL);
    assert_int_equal(run(tk, "A stamp costs 7 cents or 7$ at the kiosk."), 2);
    expect(tk, "7 cents", "0.07", "USD", NULL);
    expect(tk, "7$", "7", "USD", NULL);
    /* a count before the amount is not part of it */
    assert_int_equal(run(tk, "She bought three $40 seats."), 1);
    expect(tk, "$40", "40", "USD", NULL);
}

/* ---- ranges ---- */

static void test_ranges(void **state)
{
    qry_testkit *tk = *state;
    assert_int_equal(run(tk, "Repairs will cost $3-4 billion."), 1);
    expect_range(tk, "$3-4 billion", "3000000000", "4000000000", "USD");
    assert_int_equal(run(tk, "The fee is 30-45 usd per night."), 1);
    expect_range(tk, "30-45 usd", "30", "45", "USD");
    assert_int_equal(run(tk, "Analysts see between $6 million and $9 million in losses."), 1);
    expect_range(tk, "$6 million and $9 million", "6000000", "9000000", "USD");
    assert_int_equal(run(tk, "Rooms go for between 80 euros and 95 euros."), 1);
    expect_range(tk, "80 euros and 95 euros", "80", "95", "EUR");
    assert_int_equal(run(tk, "Bids ranged up to $2 to 3 million."), 1);
    expect_range(tk, "$2 to 3 million", "2000000", "3000000", "USD");
    /* a change, not a range: two amounts */
    assert_int_equal(run(tk, "Profit rose from $5 million to $8 million."), 2);
    expect(tk, "$5 million", "5000000", "USD", NULL);
    expect(tk, "$8 million", "8000000", "USD", NULL);
}

/* ---- qualifiers and vague amounts ---- */

static void test_qualifiers(void **state)
{
    qry_testkit *tk = *state;
    assert_int_equal(run(tk, "They raised nearly $9 billion, about €3m, more than £40 million, up to 5 million yen, "
                             "at least $300 and some $12 billion."),
                     6);
    expect(tk, "$9 billion", "9000000000", "USD", "nearly");
    expect(tk, "€3m", "3000000", "EUR", "about");
    expect(tk, "£40 million", "40000000", "GBP", "more than");
    expect(tk, "5 million yen", "5000000", "JPY", "up to");
    expect(tk, "$300", "300", "USD", "at least");
    expect(tk, "$12 billion", "12000000000", "USD", "some");
    assert_int_equal(run(tk, "Around $6 billion, roughly €2bn, almost £1m and over $700 were lost."), 4);
    expect(tk, "$6 billion", "6000000000", "USD", "around");
    expect(tk, "€2bn", "2000000000", "EUR", "roughly");
    expect(tk, "£1m", "1000000", "GBP", "almost");
    expect(tk, "$700", "700", "USD", "over");
    /* a qualifier word elsewhere in the sentence is not one */
    assert_int_equal(run(tk, "Nearly all of it, $4 billion, went abroad."), 1);
    expect(tk, "$4 billion", "4000000000", "USD", NULL);
}

static void test_vague_amounts(void **state)
{
    qry_testkit *tk = *state;
    assert_int_equal(run(tk, "Allies sent tens of billions of dollars in arms and billions of euros in loans."), 2);
    expect(tk, "tens of billions of dollars", NULL, "USD", "tens of billions");
    expect(tk, "billions of euros", NULL, "EUR", "billions");
    assert_int_equal(run(tk, "The repairs cost several million pounds and hundreds of millions of yen."), 2);
    expect(tk, "several million pounds", NULL, "GBP", "several million");
    expect(tk, "hundreds of millions of yen", NULL, "JPY", "hundreds of millions");
    /* no currency: no money */
    expect_none(tk, "Millions of people and tens of thousands of soldiers were moved.");
}

static void test_vague_option(void **state)
{
    (void)state;
    char err[512];
    const char *opts[] = {"vague", "false", NULL};
    qry_testkit *tk = qry_testkit_new(quarry_plugin_entry(), opts, err, sizeof err);
    assert_non_null(tk);
    assert_int_equal(run(tk, "Allies sent billions of dollars and $5 billion more."), 1);
    expect(tk, "$5 billion", "5000000000", "USD", NULL);
    qry_testkit_free(tk);
}

/* ---- negatives ---- */

static void test_bare_numbers(void **state)
{
    qry_testkit *tk = *state;
    expect_none(tk, "On March 5, 2023, some 40% of the 1,200 staff voted; turnout was 87.5 percent.");
    expect_none(tk, "In 2022 the army fired 155 mm shells and 155mm rounds from 2S19 guns.");
    expect_none(tk, "Call +1 555 123 4567 or 020 7946 0958 before 10.30.");
    expect_none(tk, "ALL 70 of us watched television, and TOP 10 lists were shared.");
    expect_none(tk, "He won 3 of the 5 races, and a million shells will be delivered.");
}

static void test_code_like_dollars(void **state)
{
    qry_testkit *tk = *state;
    expect_none(tk, "Set PATH=$HOME/bin:$PATH and run echo ${1} twice.");
    expect_none(tk, "Use s/(a+)/$1/g, then read arr[$2] and x=$3 before cost$4 or $5_total.");
}

static void test_weight_pounds(void **state)
{
    qry_testkit *tk = *state;
    expect_none(tk, "Jets dropped 500-pound bombs and a 2,000 pound warhead.");
    expect_none(tk, "The parcel weighs 12 pounds and holds 5 pounds of flour.");
    assert_int_equal(run(tk, "The transfer fee was 30 million pounds."), 1);
    expect(tk, "30 million pounds", "30000000", "GBP", NULL);
}

static void test_years_before_currency(void **state)
{
    qry_testkit *tk = *state;
    expect_none(tk, "Prices are given in 2015 dollars throughout.");
}

/* Forms are split by their first byte for speed (money_regex.c): any case,
 * and letters whose caseless partners are not ASCII (long s), must still
 * reach the same form. */
static void test_case_variants(void **state)
{
    qry_testkit *tk = *state;
    assert_int_equal(run(tk, "They paid usd 7, Hk$ 3 and 5 EUROS, then twenty-FIVE Dollars."), 4);
    expect(tk, "usd 7", "7", "USD", NULL);
    expect(tk, "Hk$ 3", "3", "HKD", NULL);
    expect(tk, "5 EUROS", "5", "EUR", NULL);
    expect(tk, "twenty-FIVE Dollars", "25", "USD", NULL);
    assert_int_equal(run(tk, "A \xc5\xbf" "everal million dollars deal."), 1);
    expect(tk, "\xc5\xbf" "everal million dollars", NULL, "USD", "\xc5\xbf" "everal million");
    expect_none(tk, "The Kelvin sign in 4 \xe2\x84\xaaRW is no code.");
}

/* ---- data: extra tables, errors ---- */

static void test_extra_table(void **state)
{
    (void)state;
    char path[] = "/tmp/money_extra_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    const char *rows = "# local forms\nzorkmid(s)\tXZK\tpost\n$\t-\tboth\tsym\n";
    assert_int_equal(write(fd, rows, strlen(rows)), (ssize_t)strlen(rows));
    close(fd);
    char err[512];
    const char *opts[] = {"extra", path, NULL};
    qry_testkit *tk = qry_testkit_new(quarry_plugin_entry(), opts, err, sizeof err);
    if (!tk)
        fprintf(stderr, "extra: %s\n", err);
    assert_non_null(tk);
    /* the new form is found; "$" was removed by the extra table */
    assert_int_equal(run(tk, "The wizard paid 40 zorkmids and $5."), 1);
    expect(tk, "40 zorkmids", "40", "XZK", NULL);
    qry_testkit_free(tk);
    unlink(path);
}

/* A temporary file holding `text`; its name goes into path[]. */
static void write_temp(char *path, const char *text)
{
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
}

/* err holds "PATH:LINE: message" for the file at path. */
static void expect_report(const char *err, const char *path, int line, const char *message)
{
    char want[512];
    snprintf(want, sizeof want, "%s:%d: %s", path, line, message);
    if (!strstr(err, want)) {
        fprintf(stderr, "missing report [%s] in: %s\n", want, err);
        fail();
    }
}

static void test_bad_table(void **state)
{
    (void)state;
    char path[] = "/tmp/money_bad_XXXXXX";
    /* a Latin-1 line, a line without columns, unknown values in each column
     * and a bad factor; the good lines between them are not reported */
    write_temp(path, "# local forms\n"
                     "zloty\tPLN\tpost\n"
                     "z\xb3oty\tPLN\tpost\n"
                     "zorkmid\n"
                     "zorkmid\tzork\tpost\n"
                     "\n"
                     "zorkmid\tXZK\tabove\n"
                     "zorkmid\tXZK\tpost\tword,shiny\n"
                     "centizork\tXZK\tpost\tfactor=none\n"
                     "zorkmid\tXZK\tpost\tword\textra\n"
                     "zorkmids\tXZK\tpost\n"
                     "zork(mid\tXZK\tpost\n"
                     "zork)mid(s\tXZK\tpost\n");
    char err[4096] = "";
    const char *opts[] = {"extra", path, NULL};
    qry_testkit *tk = qry_testkit_new(quarry_plugin_entry(), opts, err, sizeof err);
    assert_null(tk);
    expect_report(err, path, 3, "not valid UTF-8 (byte 2 of the line)");
    expect_report(err, path, 4, "1 column, expected at least 3 (tab-separated)");
    expect_report(err, path, 5, "currency code 'zork' is not three capital letters, '*' or '-'");
    expect_report(err, path, 7, "place 'above' is not pre, post or both");
    expect_report(err, path, 8, "unknown flag 'shiny'");
    expect_report(err, path, 9, "bad factor 'none'");
    expect_report(err, path, 10, "5 columns, expected at most 4 (tab-separated)");
    expect_report(err, path, 12, "currency form 'zork(mid': unpaired parenthesis (\"(...)\" marks an optional part)");
    expect_report(err, path, 13, "currency form 'zork)mid(s': unpaired parenthesis");
    char good[600];
    snprintf(good, sizeof good, "%s:2:", path);
    assert_null(strstr(err, good));
    snprintf(good, sizeof good, "%s:11:", path);
    assert_null(strstr(err, good));
    /* the reports name the option that named the file */
    assert_non_null(strstr(err, "[money] extra: "));
    unlink(path);

    const char *missing[] = {"extra", "/nonexistent/money.tsv", NULL};
    tk = qry_testkit_new(quarry_plugin_entry(), missing, err, sizeof err);
    assert_null(tk);
    assert_non_null(strstr(err, "/nonexistent/money.tsv"));
}

/* One pass reports the problems of every table and option, not only the first file's. */
static void test_bad_tables_at_once(void **state)
{
    (void)state;
    char scales[] = "/tmp/money_scales_XXXXXX", quals[] = "/tmp/money_quals_XXXXXX";
    write_temp(scales, "million\t1e6\n"
                       "zillion\tmany\n"
                       "gazillion\t1e30\tcs,loud\n"
                       "bil)lion(s\t1e9\n");
    write_temp(quals, "nearly\tapprox\n"
                      "Roughly\tapprox\n"
                      "umpteen\tfuzzy\n");
    char err[4096] = "";
    const char *opts[] = {"scales", scales, "qualifiers", quals, "default_dollar", "usd", NULL};
    qry_testkit *tk = qry_testkit_new(quarry_plugin_entry(), opts, err, sizeof err);
    assert_null(tk);
    expect_report(err, scales, 2, "multiplier 'many' is not a positive number");
    expect_report(err, scales, 3, "multiplier '1e30' is not a positive number");
    expect_report(err, scales, 4, "scale word 'bil)lion(s': unpaired parenthesis");
    expect_report(err, quals, 2, "a phrase is lower-case letters, spaces and hyphens");
    expect_report(err, quals, 3, "kind 'fuzzy' is not approx or vague");
    assert_non_null(strstr(err, "[money] default_dollar: 'usd' is not an ISO 4217 code"));
    unlink(scales);
    unlink(quals);
}

/* An option value create() cannot use is reported through the diag
 * service, with the option's name, like the core's own option errors. */
static void test_bad_option(void **state)
{
    (void)state;
    char err[1024] = "";
    const char *bad[] = {"default_dollar", "dollars", NULL};
    assert_null(qry_testkit_new(quarry_plugin_entry(), bad, err, sizeof err));
    assert_non_null(strstr(err, "[money] default_dollar: 'dollars' is not an ISO 4217 code (three capital letters)"));
}

/* ---- a core without the ABI 1.1 services ---- */

static char old_core_error[512];

static void old_set_error(const qry_host *host, qry_sink *sink, const char *fmt, ...)
{
    (void)host;
    (void)sink;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(old_core_error, sizeof old_core_error, fmt, ap);
    va_end(ap);
}

static void test_needs_services(void **state)
{
    (void)state;
    /* what an ABI 1.0 core hands over: no get_service */
    qry_host host = {.struct_size = sizeof host, .abi_major = 1, .abi_minor = 0, .set_error = old_set_error};
    void *instance = (void *)&host;
    assert_int_equal(quarry_plugin_entry()->create(&host, &instance), QRY_ERR_UNSUPPORTED);
    assert_null(instance);
    assert_non_null(strstr(old_core_error, "quarry.table/1"));
    assert_non_null(strstr(old_core_error, "ABI 1.0"));
}

/* Every attribute the plugin emits is declared with its type: the core
 * would refuse an undeclared one and note it in the record. */
static void test_declared_attributes(void **state)
{
    qry_testkit *tk = *state;
    static const struct {
        const char *name;
        int type;
    } want[] = {{"value", QRY_ATTR_DOUBLE}, {"currency", QRY_ATTR_STRING}, {"approx", QRY_ATTR_STRING},
                {"min", QRY_ATTR_DOUBLE},   {"max", QRY_ATTR_DOUBLE}};
    const qry_attr_spec *const *a = quarry_plugin_entry()->attributes;
    assert_non_null(a);
    size_t n = 0;
    for (; a[n]; n++) {
        assert_string_equal(a[n]->entity_type, "money");
        assert_true(n < sizeof want / sizeof want[0]);
        assert_string_equal(a[n]->name, want[n].name);
        assert_int_equal(a[n]->type, want[n].type);
    }
    assert_int_equal(n, sizeof want / sizeof want[0]);
    /* an amount with every attribute, a range and a vague amount: none refused */
    assert_int_equal(run(tk, "Nearly $5 million went out, then $1-2 billion, then tens of billions of dollars."), 3);
    assert_string_equal(qry_testkit_last_error(tk), "");
    expect(tk, "$5 million", "5000000", "USD", "nearly");
    expect_range(tk, "$1-2 billion", "1000000000", "2000000000", "USD");
    expect(tk, "tens of billions of dollars", NULL, "USD", "tens of billions");
}

/* ---- robustness ---- */

static void test_pathological_input(void **state)
{
    qry_testkit *tk = *state;
    size_t n = 200000;
    char *text = malloc(n + 1);
    assert_non_null(text);
    /* long runs of digits, symbols, number words and separators */
    for (size_t i = 0; i < n; i++)
        text[i] = "9,9.$ -"[i % 7];
    text[n] = '\0';
    assert_int_equal(qry_testkit_run(tk, text), 0);
    for (size_t i = 0; i < n; i++)
        text[i] = (i % 4 == 3) ? ' ' : "one"[i % 4];
    text[n] = '\0';
    assert_int_equal(qry_testkit_run(tk, text), 0);
    free(text);
    /* amounts at the very start and end of the text */
    assert_int_equal(run(tk, "$5"), 1);
    expect(tk, "$5", "5", "USD", NULL);
    assert_int_equal(run(tk, "5 euros"), 1);
    assert_int_equal(run(tk, "$"), 0);
    assert_int_equal(run(tk, ""), 0);
}

/* The per-byte subsets of an alternation are compiled the first time a
 * match needs one: none before, the one needed after; workers racing for
 * the first compilation all match alike and one copy is published. */
typedef struct subset_race {
    const mny_lexicon *lx;
    const mny_re *re;
    const char *text;
    long end, mark;
} subset_race;

static void *race_subset(void *arg)
{
    subset_race *r = arg;
    mny_ctx c = {.lx = r->lx, .text = r->text, .len = strlen(r->text)};
    c.md = pcre2_match_data_create(4, NULL);
    if (c.md)
        r->end = mny_re_at(&c, r->re, 0, &r->mark);
    pcre2_match_data_free(c.md);
    return NULL;
}

static void test_subsets_compiled_on_first_use(void **state)
{
    (void)state;
    static const char *const forms[] = {"euros?(*MARK:0)", "dollars?(*MARK:1)", "dinars?(*MARK:2)", "yen(*MARK:3)"};
    mny_lexicon lx;
    mny_lexicon_init(&lx);
    mny_re re;
    char err[256];
    assert_int_equal(mny_re_build(&re, "(?:", forms, 4, ")", NULL, "", NULL, PCRE2_ANCHORED | PCRE2_CASELESS, "test",
                                  err, sizeof err),
                     QRY_OK);
    /* given each form's literal start, the same subsets without compiling the forms alone */
    static const char *const lits[] = {"eur", "dol", "din", "yen"};
    mny_re led;
    assert_int_equal(mny_re_build(&led, "(?:", forms, 4, ")", lits, "", NULL, PCRE2_ANCHORED | PCRE2_CASELESS,
                                  "test", err, sizeof err),
                     QRY_OK);
    assert_int_equal(led.n_subs, re.n_subs);
    assert_memory_equal(led.at, re.at, sizeof re.at);
    for (size_t i = 0; i < re.n_subs; i++)
        assert_string_equal(led.subs[i].source, re.subs[i].source);
    /* and words that start no form are answered without PCRE2, in either case */
    static const char *const texts[] = {"DOLLARS paid", "Dinar", "yen", "dog days", "Euro", "euros", "yet", "é"};
    static const long ends[] = {7, 5, 3, -1, 4, 5, -1, -1};
    for (size_t i = 3; i < sizeof texts / sizeof *texts; i += 3) { /* "dog days", "yet": nothing compiled */
        mny_ctx c = {.lx = &lx, .text = texts[i], .len = strlen(texts[i])};
        long mark;
        assert_int_equal(mny_re_at(&c, &led, 0, &mark), -1);
    }
    for (size_t i = 0; i < led.n_subs; i++)
        assert_null(atomic_load(&led.subs[i].rx));
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        mny_ctx c = {.lx = &lx, .text = texts[i], .len = strlen(texts[i])};
        c.md = pcre2_match_data_create(4, NULL);
        assert_non_null(c.md);
        long mark;
        assert_int_equal(mny_re_at(&c, &led, 0, &mark), ends[i]);
        pcre2_match_data_free(c.md);
    }
    assert_true(led.starts && re.starts == NULL);
    mny_re_free(&led);
    /* "d" starts two of the four forms, "e" and "y" one each: three subsets */
    assert_int_equal(re.n_subs, 3);
    assert_int_equal(re.at['z'], MNY_AT_NONE);
    assert_int_equal(re.at['d'], re.at['D']);
    for (size_t i = 0; i < re.n_subs; i++)
        assert_null(atomic_load(&re.subs[i].rx));
    enum { N = 4 };
    pthread_t th[N];
    subset_race r[N];
    for (int i = 0; i < N; i++) {
        r[i] = (subset_race){&lx, &re, "Dinars were paid", -2, -2};
        assert_int_equal(pthread_create(&th[i], NULL, race_subset, &r[i]), 0);
    }
    for (int i = 0; i < N; i++) {
        assert_int_equal(pthread_join(th[i], NULL), 0);
        assert_int_equal(r[i].end, 6);
        assert_int_equal(r[i].mark, 2);
    }
    const mny_subset *d = &re.subs[re.at['d'] - MNY_AT_FULL - 1];
    assert_non_null(atomic_load(&((mny_subset *)d)->rx));
    size_t compiled = 0;
    for (size_t i = 0; i < re.n_subs; i++)
        compiled += atomic_load(&re.subs[i].rx) != NULL;
    assert_int_equal(compiled, 1); /* only the subset a match needed */
    mny_re_free(&re);
    mny_lexicon_free(&lx);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_subsets_compiled_on_first_use),
        T(test_symbols_before),  T(test_dollar_variants), T(test_codes_before),     T(test_codes_after),
        T(test_symbol_after),    T(test_currency_words),  T(test_qualified_dollars), T(test_default_dollar_option),
        T(test_scales),          T(test_number_formats),  T(test_number_words),     T(test_cents_and_pence),
        T(test_two_amounts),     T(test_ranges),          T(test_qualifiers),       T(test_vague_amounts),
        T(test_vague_option),    T(test_bare_numbers),    T(test_code_like_dollars), T(test_weight_pounds),
        T(test_years_before_currency), T(test_case_variants), T(test_extra_table), T(test_bad_table),
        T(test_bad_tables_at_once), T(test_bad_option), T(test_needs_services), T(test_declared_attributes),
        T(test_pathological_input),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
