#include "upstream/protocol/sample_batch.h"

namespace sanaq::upstream {

const SampleRecords& sample_records() {
    static const SampleRecords records = [] {
        SampleRecords r;
        r.from = {"12345678-1234-4234-8234-123456789abc", "KIT-0042", 0, "", ""};
        Household& h = r.household;
        h.uuid = "00000001-0000-4000-8000-000000000010";
        h.revision = 1;
        h.place = HouseholdPlace::Address;
        h.kato = "191010000";
        h.kato_version = "2022";
        h.street = "Төле би\tкөшесі";
        h.house = "12А";
        h.flat = "7";
        h.household_number = "0012";
        h.answers_json = R"({"d1_dwelling_type": "apartment", "d3_note": "a\nb", "d2_rooms": 3, "d4_area_m2": 54.50})";
        Person head;
        head.uuid = "00000002-0000-4000-8000-000000000010";
        head.household_uuid = h.uuid;
        head.iin = "870102300123";
        head.surname = "Жанбулатов";
        head.name = "Нұрлан";
        head.patronymic = "Серікұлы";
        head.sex = Sex::Male;
        head.birth_date = "1987-01-02";
        head.relationship = "head";
        head.answers_json =
            R"({"q6_citizenship":"KZ","q7_nationality":"kazakh","q13_education":"higher","q9_kazakh_proficiency":"fluent"})";
        Person child;
        child.uuid = "00000003-0000-4000-8000-000000000010";
        child.revision = 2;
        child.household_uuid = h.uuid;
        child.surname = "Жанбулатова \"Айгерім\"\\";
        child.name = "Айгерім";
        child.sex = Sex::Female;
        child.relationship = "child";
        r.persons = {head, child};
        return r;
    }();
    return records;
}

}  // namespace sanaq::upstream
