import LakeQuality
import Testing

@Suite struct DQDLParserTests {
    // MARK: - Helpers

    private static let origin = SourcePosition(line: 1, column: 1)

    /// The only rule of `Rules = [ <text> ]`.
    private func rule(_ text: String) throws -> DQDLRule {
        let ruleset = try DQDLParser.parse("Rules = [ \(text) ]")
        try #require(ruleset.rules.count == 1)
        return ruleset.rules[0].withoutPositions
    }

    /// The single check of `Rules = [ <text> ]`, positions reset to 1:1.
    private func check(_ text: String) throws -> RuleCheck {
        let parsed = try rule(text)
        guard case .check(let check) = parsed.body else {
            Issue.record("expected a single check in \(text)")
            return RuleCheck(type: .rowCount)
        }
        return check
    }

    private func condition(_ text: String) throws -> Condition? {
        try check(text).condition
    }

    /// The error parsing `text` throws, or nil if it parses.
    private func failure(_ text: String) -> DQDLSyntaxError? {
        do {
            _ = try DQDLParser.parse(text)
            return nil
        } catch {
            return error
        }
    }

    /// The error for `Rules = [ <text> ]`; its column counts from the start of that line.
    private func ruleFailure(_ text: String) -> DQDLSyntaxError? {
        failure("Rules = [ \(text) ]")
    }

    private func at(_ line: Int, _ column: Int) -> SourcePosition {
        SourcePosition(line: line, column: column)
    }

    // MARK: - Documents

    @Test func parsesTheAWSExampleDocument() throws {
        let ruleset = try DQDLParser.parse(#"Rules = [ IsComplete "order-id", IsUnique "order-id" ]"#)
        #expect(ruleset.withoutPositions == DQDLRuleset(rules: [
            DQDLRule(body: .check(RuleCheck(type: .isComplete, columns: ["order-id"]))),
            DQDLRule(body: .check(RuleCheck(type: .isUnique, columns: ["order-id"]))),
        ]))
        #expect(ruleset.analyzers.isEmpty)
        #expect(ruleset.columns == ["order-id"])
    }

    @Test func acceptsCommentsFreeWhitespaceAndATrailingComma() throws {
        let text = """
            # data quality for orders
            Rules = [   # the list
                RowCount > 0,   # at least one row
                IsComplete "id" ,
            \t\tColumnValues "note" = "a # not a comment",
            ]
            # trailing comment
            """
        let ruleset = try DQDLParser.parse(text)
        #expect(ruleset.rules.count == 3)
        #expect(ruleset.rules[2].withoutPositions.body == .check(RuleCheck(
            type: .columnValues, columns: ["note"], condition: .compare(.equal, .string("a # not a comment")))))
    }

    @Test func parsesDocumentsWithoutAnyWhitespace() throws {
        let ruleset = try DQDLParser.parse(#"Rules=[RowCount>0,(IsComplete"a")and(IsUnique"a"),ColumnValues"d">(now()-3 days)]"#)
        #expect(ruleset.withoutPositions.rules.map(\.body) == [
            .check(RuleCheck(type: .rowCount, condition: .compare(.greater, .number(0)))),
            .and([.check(RuleCheck(type: .isComplete, columns: ["a"])), .check(RuleCheck(type: .isUnique, columns: ["a"]))]),
            .check(RuleCheck(type: .columnValues, columns: ["d"], condition: .compare(.greater, .now(offset: -259_200)))),
        ])
    }

    @Test func readsAnalyzersAfterOrBeforeRules() throws {
        let expected = DQDLRuleset(
            rules: [DQDLRule(body: .check(RuleCheck(type: .rowCount, condition: .compare(.greater, .number(0)))))],
            analyzers: [
                RuleCheck(type: .rowCount),
                RuleCheck(type: .completeness, columns: ["colA"]),
                RuleCheck(type: .columnCorrelation, columns: ["colA", "colB"]),
                RuleCheck(type: .columnLength, columns: ["colC"]),
            ])
        let after = try DQDLParser.parse("""
            Rules = [ RowCount > 0 ]
            Analyzers = [ RowCount, Completeness "colA", ColumnCorrelation "colA" "colB", ColumnLength "colC", ]
            """)
        let before = try DQDLParser.parse("""
            Analyzers = [ RowCount, Completeness "colA", ColumnCorrelation "colA" "colB", ColumnLength "colC" ]
            Rules = [ RowCount > 0 ]
            """)
        #expect(after.withoutPositions == expected)
        #expect(before.withoutPositions == expected)
        #expect(after.columns == ["colA", "colB", "colC"])
        #expect(try DQDLParser.parse("Rules = [ RowCount > 0 ] Analyzers = [ ]").analyzers.isEmpty)
    }

    @Test func analyzersMayCarryOptions() throws {
        let ruleset = try DQDLParser.parse(#"Rules = [ RowCount > 0 ] Analyzers = [ Mean "price" with window = 7 ]"#)
        #expect(ruleset.analyzers.first?.options == ["window": "7"])
    }

    @Test func positionsPointAtTheFirstTokenOfEachRuleAndCheck() throws {
        let ruleset = try DQDLParser.parse("""
            Rules = [
                RowCount > 0,
              (IsComplete "a") or
                 (IsUnique "a")
            ]
            Analyzers = [ Completeness "a" ]
            """)
        #expect(ruleset.rules[0].position == at(2, 5))
        guard case .check(let first) = ruleset.rules[0].body else { Issue.record("not a check"); return }
        #expect(first.position == at(2, 5))
        #expect(ruleset.rules[1].position == at(3, 3))
        #expect(ruleset.rules[1].body.checks.map(\.position) == [at(3, 4), at(4, 7)])
        #expect(ruleset.analyzers[0].position == at(6, 15))
    }

    @Test func columnsAreCountedInCharacters() throws {
        let ruleset = try DQDLParser.parse("Rules = [ ColumnValues \"é🇩🇪\" = \"ü\", IsComplete \"x\" ]")
        #expect(ruleset.rules[1].position == at(1, 36))
    }

    // MARK: - Rule types

    static let everyRuleType: [(String, RuleCheck)] = [
        ("RowCount > 100", RuleCheck(type: .rowCount, condition: .compare(.greater, .number(100)))),
        ("ColumnCount = 5", RuleCheck(type: .columnCount, condition: .compare(.equal, .number(5)))),
        (#"ColumnExists "id""#, RuleCheck(type: .columnExists, columns: ["id"])),
        (#"ColumnDataType "id" = "INTEGER""#,
         RuleCheck(type: .columnDataType, columns: ["id"], condition: .compare(.equal, .string("INTEGER")))),
        (#"ColumnDataType "d" in ["DATE", "TIMESTAMP"]"#,
         RuleCheck(type: .columnDataType, columns: ["d"], condition: .inList([.string("DATE"), .string("TIMESTAMP")]))),
        (#"IsComplete "id""#, RuleCheck(type: .isComplete, columns: ["id"])),
        (#"Completeness "id" > 0.95"#, RuleCheck(type: .completeness, columns: ["id"], condition: .compare(.greater, .number(0.95)))),
        (#"IsUnique "id""#, RuleCheck(type: .isUnique, columns: ["id"])),
        (#"IsPrimaryKey "id""#, RuleCheck(type: .isPrimaryKey, columns: ["id"])),
        (#"IsPrimaryKey "a" "b" "c""#, RuleCheck(type: .isPrimaryKey, columns: ["a", "b", "c"])),
        (#"Uniqueness "id" >= 0.9"#, RuleCheck(type: .uniqueness, columns: ["id"], condition: .compare(.greaterOrEqual, .number(0.9)))),
        (#"UniqueValueRatio "id" < 0.5"#, RuleCheck(type: .uniqueValueRatio, columns: ["id"], condition: .compare(.less, .number(0.5)))),
        (#"DistinctValuesCount "c" between 3 and 10"#,
         RuleCheck(type: .distinctValuesCount, columns: ["c"], condition: .between(.number(3), .number(10)))),
        (#"ColumnValues "c" in ["US", "DE"]"#, RuleCheck(type: .columnValues, columns: ["c"], condition: .inList([.string("US"), .string("DE")]))),
        (#"ColumnLength "zip" = 5"#, RuleCheck(type: .columnLength, columns: ["zip"], condition: .compare(.equal, .number(5)))),
        (#"Mean "price" <= 20.5"#, RuleCheck(type: .mean, columns: ["price"], condition: .compare(.lessOrEqual, .number(20.5)))),
        (#"Sum "amount" != 0"#, RuleCheck(type: .sum, columns: ["amount"], condition: .compare(.notEqual, .number(0)))),
        (#"StandardDeviation "p" < 5"#, RuleCheck(type: .standardDeviation, columns: ["p"], condition: .compare(.less, .number(5)))),
        (#"Entropy "cat" > 1"#, RuleCheck(type: .entropy, columns: ["cat"], condition: .compare(.greater, .number(1)))),
        (#"ColumnCorrelation "h" "w" > 0.8"#, RuleCheck(type: .columnCorrelation, columns: ["h", "w"], condition: .compare(.greater, .number(0.8)))),
        (#"DataFreshness "ts" <= 24 hours"#, RuleCheck(type: .dataFreshness, columns: ["ts"], condition: .compare(.lessOrEqual, .duration(86_400)))),
        (#"DetectAnomalies "RowCount""#, RuleCheck(type: .detectAnomalies, columns: ["RowCount"])),
        (#"DetectAnomalies "Completeness" "colA""#, RuleCheck(type: .detectAnomalies, columns: ["Completeness", "colA"])),
        (#"DetectAnomalies "ColumnCorrelation" "a" "b""#, RuleCheck(type: .detectAnomalies, columns: ["ColumnCorrelation", "a", "b"])),
    ]

    @Test(arguments: everyRuleType)
    func parsesEveryRuleType(text: String, expected: RuleCheck) throws {
        #expect(try check(text) == expected)
    }

    @Test func everyRuleTypeIsCovered() {
        #expect(Set(Self.everyRuleType.map(\.1.type)) == Set(RuleType.allCases))
    }

    @Test func detectAnomaliesKeepsItsOptions() throws {
        let parsed = try check(#"DetectAnomalies "Mean" "price" with strategy = OnlineNormal with maxIncrease = 2.0 with label = "x y""#)
        #expect(parsed.columns == ["Mean", "price"])
        #expect(parsed.condition == nil)
        #expect(parsed.options == ["strategy": "OnlineNormal", "maxIncrease": "2.0", "label": "x y"])
    }

    // MARK: - Conditions

    @Test func parsesEveryComparisonOperator() throws {
        for op in ComparisonOperator.allCases {
            #expect(try condition("RowCount \(op.rawValue) 10") == .compare(op, .number(10)))
        }
    }

    @Test func parsesBetweenInAndMatchesWithTheirNegations() throws {
        #expect(try condition(#"ColumnValues "a" between 1 and 9"#) == .between(.number(1), .number(9)))
        #expect(try condition(#"ColumnValues "a" not between 1 and 9"#) == .not(.between(.number(1), .number(9))))
        #expect(try condition(#"ColumnValues "a" in [1, "two", NULL]"#) == .inList([.number(1), .string("two"), .null]))
        #expect(try condition(#"ColumnValues "a" in ["x",]"#) == .inList([.string("x")]))
        #expect(try condition(#"ColumnValues "a" not in ["x", EMPTY]"#) == .not(.inList([.string("x"), .empty])))
        #expect(try condition(#"ColumnValues "a" matches "[A-Z]{2}\d*""#) == .matches(#"[A-Z]{2}\d*"#))
        #expect(try condition(#"ColumnValues "a" not matches "^x""#) == .not(.matches("^x")))
    }

    @Test func keywordsAreCaseInsensitive() throws {
        #expect(try condition(#"ColumnValues "a" NOT BETWEEN 1 AND 9"#) == .not(.between(.number(1), .number(9))))
        #expect(try condition(#"ColumnValues "a" Not In ["x"]"#) == .not(.inList([.string("x")])))
        #expect(try condition(#"ColumnValues "a" MATCHES "x""#) == .matches("x"))
        let warned = try rule(#"(IsComplete "a") OR (IsUnique "a") WITH LEVEL = WARN"#)
        #expect(warned.level == .warn)
        #expect(try check(#"ColumnValues "a" > 1 WITH THRESHOLD > 0.5"#).threshold == .compare(.greater, .number(0.5)))
    }

    // MARK: - Operands

    @Test func parsesNumbers() throws {
        #expect(try condition("RowCount = 12") == .compare(.equal, .number(12)))
        #expect(try condition("Sum \"a\" > -3.5") == .compare(.greater, .number(-3.5)))
        #expect(try condition("Sum \"a\" > - 3.5") == .compare(.greater, .number(-3.5)))
        #expect(try condition("RowCount < 1e6") == .compare(.less, .number(1_000_000)))
        #expect(try condition("RowCount < 2.5E+3") == .compare(.less, .number(2_500)))
        #expect(try condition("Mean \"a\" > 1e-3") == .compare(.greater, .number(0.001)))
        #expect(try condition("Completeness \"a\" >= 0.98") == .compare(.greaterOrEqual, .number(0.98)))
        #expect(try condition("Mean \"a\" between -1 and +1") == .between(.number(-1), .number(1)))
    }

    @Test func parsesStringsWithEscapes() throws {
        #expect(try condition(#"ColumnValues "a" = "say \"hi\"""#) == .compare(.equal, .string(#"say "hi""#)))
        #expect(try condition(#"ColumnValues "a" = "back\\slash""#) == .compare(.equal, .string(#"back\slash"#)))
        #expect(try condition(#"ColumnValues "a" = """#) == .compare(.equal, .string("")))
        #expect(try check(#"IsComplete "col \"x\"""#).columns == [#"col "x""#])
    }

    @Test func parsesNullEmptyAndWhitespacesOnly() throws {
        #expect(try condition(#"ColumnValues "a" = NULL"#) == .compare(.equal, .null))
        #expect(try condition(#"ColumnValues "a" != EMPTY"#) == .compare(.notEqual, .empty))
        #expect(try condition(#"ColumnValues "a" = WHITESPACES_ONLY"#) == .compare(.equal, .whitespacesOnly))
        #expect(try condition(#"ColumnValues "a" not in [NULL, EMPTY, WHITESPACES_ONLY]"#)
            == .not(.inList([.null, .empty, .whitespacesOnly])))
    }

    @Test func parsesNowAndItsArithmetic() throws {
        #expect(try condition(#"ColumnValues "d" <= now()"#) == .compare(.lessOrEqual, .now(offset: 0)))
        #expect(try condition(#"ColumnValues "d" > (now() - 3 days)"#) == .compare(.greater, .now(offset: -259_200)))
        #expect(try condition(#"ColumnValues "d" < (now() + 4 hours)"#) == .compare(.less, .now(offset: 14_400)))
        #expect(try condition(#"ColumnValues "d" > (now() - 1 day)"#) == .compare(.greater, .now(offset: -86_400)))
        #expect(try condition(#"ColumnValues "d" > (now() -1 days)"#) == .compare(.greater, .now(offset: -86_400)))
        #expect(try condition(#"ColumnValues "d" > (now() - 30 minutes)"#) == .compare(.greater, .now(offset: -1_800)))
        #expect(try condition(#"ColumnValues "d" > (now() - 1 minute)"#) == .compare(.greater, .now(offset: -60)))
        #expect(try condition(#"ColumnValues "d" > (now() - 45 seconds)"#) == .compare(.greater, .now(offset: -45)))
        #expect(try condition(#"ColumnValues "d" > (now() - 1 second)"#) == .compare(.greater, .now(offset: -1)))
        #expect(try condition(#"ColumnValues "d" > (now() + 1 hour)"#) == .compare(.greater, .now(offset: 3_600)))
        #expect(try condition(#"ColumnValues "d" > (now())"#) == .compare(.greater, .now(offset: 0)))
        #expect(try condition(#"ColumnValues "d" between (now() - 2 days) and now()"#)
            == .between(.now(offset: -172_800), .now(offset: 0)))
    }

    @Test func parsesDurations() throws {
        #expect(try condition(#"DataFreshness "ts" <= 24 hours"#) == .compare(.lessOrEqual, .duration(86_400)))
        #expect(try condition(#"DataFreshness "ts" < 2 days"#) == .compare(.less, .duration(172_800)))
        #expect(try condition(#"DataFreshness "ts" < 1 Day"#) == .compare(.less, .duration(86_400)))
        #expect(try condition(#"DataFreshness "ts" between 2 days and 5 days"#) == .between(.duration(172_800), .duration(432_000)))
        #expect(try condition(#"DataFreshness "ts" > 90 minutes"#) == .compare(.greater, .duration(5_400)))
        #expect(try condition(#"DataFreshness "ts" > 30 seconds"#) == .compare(.greater, .duration(30)))
        #expect(try condition(#"DataFreshness "ts" < 1.5 hours"#) == .compare(.less, .duration(5_400)))
    }

    // MARK: - Composites and levels

    @Test func parsesAndAndOrComposites() throws {
        let a = RuleBody.check(RuleCheck(type: .isComplete, columns: ["id"]))
        let b = RuleBody.check(RuleCheck(type: .isUnique, columns: ["id"]))
        let c = RuleBody.check(RuleCheck(type: .rowCount, condition: .compare(.greater, .number(0))))
        #expect(try rule(#"(IsComplete "id") and (IsUnique "id")"#).body == .and([a, b]))
        #expect(try rule(#"(IsComplete "id") or (IsUnique "id")"#).body == .or([a, b]))
        #expect(try rule(#"(IsComplete "id") and (IsUnique "id") and (RowCount > 0)"#).body == .and([a, b, c]))
        #expect(try rule(#"((IsComplete "id") and (IsUnique "id")) or (RowCount > 0)"#).body == .or([.and([a, b]), c]))
        #expect(try rule(#"(RowCount > 0) or ((IsComplete "id") and (IsUnique "id"))"#).body == .or([c, .and([a, b])]))
        #expect(try rule(#"(IsComplete "id")"#).body == a)
        #expect(try rule(#"(((IsComplete "id")))"#).body == a)
    }

    @Test func levelsApplyToChecksAndWholeComposites() throws {
        #expect(try rule(#"IsComplete "a""#).level == .error)
        #expect(try rule(#"IsComplete "a" with level = warn"#).level == .warn)
        #expect(try rule(#"IsComplete "a" with level = error"#).level == .error)
        let composite = try rule(#"(IsComplete "a") and (IsUnique "a") with level = warn"#)
        #expect(composite.level == .warn)
        #expect(composite.body.checks.allSatisfy { $0.options.isEmpty })
        let withOptions = try check(#"ColumnValues "a" > 1 with level = warn with threshold > 0.5 with note = x"#)
        #expect(withOptions.options == ["note": "x"])
        #expect(withOptions.threshold == .compare(.greater, .number(0.5)))
    }

    // MARK: - Options and thresholds

    @Test func storesOptionsAsText() throws {
        let parsed = try check(#"DetectAnomalies "RowCount" with a = "quoted value" with b = Word with c = 12 with d = -0.5 with e = 1e3"#)
        #expect(parsed.options == ["a": "quoted value", "b": "Word", "c": "12", "d": "-0.5", "e": "1e3"])
    }

    @Test func thresholdsGoToTheirOwnField() throws {
        let values = try check(#"ColumnValues "c" in ["US", "DE"] with threshold > 0.98"#)
        #expect(values.threshold == .compare(.greater, .number(0.98)))
        #expect(values.options.isEmpty)
        #expect(try check(#"ColumnLength "z" = 5 with threshold >= 0.9"#).threshold == .compare(.greaterOrEqual, .number(0.9)))
        #expect(try check(#"DataFreshness "t" < 2 days with threshold <= 0.1"#).threshold == .compare(.lessOrEqual, .number(0.1)))
    }

    // MARK: - Rendering and round trips

    @Test func rendersRulesAsDQDL() throws {
        let ruleset = try DQDLParser.parse("""
            Rules = [
              RowCount   >   100 ,
              ColumnValues "c"   in ["US","DE"] with threshold > 0.98 with level = WARN,
              (IsComplete "a") and ( (IsUnique "a") or (ColumnDataType "a" = "INTEGER") ),
              ColumnValues "d" > (now() - 3 days),
              DataFreshness "t" <= 24 hours,
              DetectAnomalies "Completeness" "a" with strategy = OnlineNormal with maxIncrease = 2.0 with note = "two words"
            ]
            Analyzers = [ RowCount, Completeness "a" ]
            """)
        #expect(ruleset.dqdl == """
            Rules = [
                RowCount > 100,
                ColumnValues "c" in ["US", "DE"] with threshold > 0.98 with level = warn,
                (IsComplete "a") and ((IsUnique "a") or (ColumnDataType "a" = "INTEGER")),
                ColumnValues "d" > (now() - 3 days),
                DataFreshness "t" <= 1 day,
                DetectAnomalies "Completeness" "a" with maxIncrease = 2.0 with note = "two words" with strategy = OnlineNormal
            ]

            Analyzers = [
                RowCount,
                Completeness "a"
            ]
            """)
    }

    @Test func rendersOperandsAndConditions() {
        #expect(Operand.number(12).dqdl == "12")
        #expect(Operand.number(-3.5).dqdl == "-3.5")
        #expect(Operand.number(0.98).dqdl == "0.98")
        #expect(Operand.string(#"a "b" \c"#).dqdl == #""a \"b\" \\c""#)
        #expect(Operand.now(offset: 0).dqdl == "now()")
        #expect(Operand.now(offset: 14_400).dqdl == "(now() + 4 hours)")
        #expect(Operand.now(offset: -90).dqdl == "(now() - 90 seconds)")
        #expect(Operand.duration(172_800).dqdl == "2 days")
        #expect(Operand.duration(60).dqdl == "1 minute")
        #expect(Condition.not(.inList([.null, .empty])).dqdl == "not in [NULL, EMPTY]")
        #expect(Condition.not(.between(.number(1), .number(2))).dqdl == "not between 1 and 2")
        #expect(Condition.not(.matches("x")).dqdl == #"not matches "x""#)
        #expect(Condition.not(.compare(.equal, .whitespacesOnly)).dqdl == "!= WHITESPACES_ONLY")
    }

    static let roundTripDocument = """
        Rules = [
            RowCount between 10 and 1e6,
            ColumnCount >= 3,
            ColumnExists "id",
            ColumnDataType "id" in ["INTEGER", "BIGINT"],
            IsComplete "id" with level = warn,
            Completeness "name" > 0.95,
            IsUnique "id",
            IsPrimaryKey "id" "region",
            Uniqueness "id" = 1.0,
            UniqueValueRatio "country" < 0.1,
            DistinctValuesCount "country" not between 0 and 3,
            ColumnValues "country" not in ["XX", NULL, EMPTY, WHITESPACES_ONLY] with threshold > 0.98,
            ColumnValues "code" matches "[A-Z]{2}\\d+",
            ColumnValues "quote" = "say \\"hi\\" \\\\ bye",
            ColumnValues "updated" between (now() - 2 days) and (now() + 90 minutes),
            ColumnValues "n" != -0.25,
            ColumnLength "zip" = 5 with threshold >= 0.5,
            Mean "price" > 1.5e-7,
            Sum "amount" > -1e20,
            StandardDeviation "price" < 12.75,
            Entropy "category" > 1,
            ColumnCorrelation "h" "w" > 0.8,
            DataFreshness "updated" between 90 seconds and 36 hours,
            DetectAnomalies "ColumnCorrelation" "h" "w" with strategy = OnlineNormal with maxIncrease = -2.0 with x = "a b" with y = "12 3",
            ((IsComplete "a") and (IsUnique "a")) or (RowCount = 0) or ((Mean "a" > 1) and ((Sum "a" > 2) or (ColumnExists "b"))) with level = warn,
        ]
        Analyzers = [ RowCount, Completeness "name", ColumnCorrelation "h" "w", Mean "price" with window = 7 ]
        """

    @Test func roundTripsThroughDQDLText() throws {
        let parsed = try DQDLParser.parse(Self.roundTripDocument)
        let reparsed = try DQDLParser.parse(parsed.dqdl)
        #expect(reparsed.withoutPositions == parsed.withoutPositions)
        #expect(reparsed.dqdl == parsed.dqdl)
        #expect(parsed.rules.count == 25)
    }

    @Test func roundTripsBuiltRulesets() throws {
        let built = DQDLRuleset(rules: [
            DQDLRule(body: .check(RuleCheck(type: .columnValues, columns: ["a\\b"], condition: .compare(.equal, .string("\"")),
                                            options: ["k": "-", "n": "-7", "w": "x y", "z": "with"]))),
            DQDLRule(body: .or([.check(RuleCheck(type: .rowCount, condition: .compare(.greater, .number(0.1)))),
                                .and([.check(RuleCheck(type: .isComplete, columns: ["a"])),
                                      .check(RuleCheck(type: .dataFreshness, columns: ["t"], condition: .compare(.less, .duration(0.5))))])]),
                     level: .warn),
        ])
        #expect(try DQDLParser.parse(built.dqdl).withoutPositions == built)
    }

    // MARK: - Syntax errors

    @Test func describesErrorsWithPositionAndHint() {
        let error = DQDLSyntaxError("expected a column name in double quotes after IsComplete", at: at(3, 14), hint: "e.g. IsComplete \"id\"")
        #expect(error.description == #"line 3, column 14: expected a column name in double quotes after IsComplete (hint: e.g. IsComplete "id")"#)
        #expect(DQDLSyntaxError("no rules", at: at(1, 1)).description == "line 1, column 1: no rules")
    }

    @Test func unknownRuleTypeSuggestsTheClosestName() {
        let error = failure("Rules = [\n    Iscomplete \"a\"\n]")
        #expect(error == DQDLSyntaxError("unknown rule type 'Iscomplete'", at: at(2, 5), hint: "did you mean IsComplete?"))
        #expect(ruleFailure("Completness \"a\" > 0.5")?.hint == "did you mean Completeness?")
        #expect(ruleFailure("rowcount > 5")?.hint == "did you mean RowCount?")
        #expect(ruleFailure("Frobnicate \"a\"") == DQDLSyntaxError("unknown rule type 'Frobnicate'", at: at(1, 11)))
        #expect(ruleFailure("CustomSql \"select 1\" > 0") == DQDLSyntaxError("rule type 'CustomSql' is not supported by SwiftLake", at: at(1, 11)))
    }

    @Test func missingClosingBracket() {
        #expect(failure("Rules = [ IsComplete \"a\"") == DQDLSyntaxError(
            "expected ']' to close Rules", at: at(1, 25), hint: "the list opened with '[' at line 1, column 9"))
        #expect(failure("Rules = [ IsComplete \"a\",\n") == DQDLSyntaxError(
            "expected ']' to close Rules", at: at(2, 1), hint: "the list opened with '[' at line 1, column 9"))
        #expect(failure("Rules = [ RowCount > 0\nAnalyzers = [ RowCount ]")?.message == "expected ']' to close Rules")
        #expect(failure("Rules = [ RowCount > 0 ] Analyzers = [ RowCount")?.message == "expected ']' to close Analyzers")
    }

    @Test func unterminatedString() {
        #expect(ruleFailure("IsComplete \"abc") == DQDLSyntaxError(
            "unterminated string", at: at(1, 22), hint: #"close it with '"' on the same line; write \" for a quote inside"#))
        #expect(failure("Rules = [ IsComplete \"ab\ncd\" ]")?.position == at(1, 22))
        #expect(ruleFailure(#"IsComplete "ab\""#)?.message == "unterminated string")
    }

    @Test func ruleThatNeedsAColumnWithoutOne() {
        #expect(failure("Rules = [\n  RowCount > 0,\n  IsComplete\n]") == DQDLSyntaxError(
            "expected a column name in double quotes after IsComplete", at: at(4, 1), hint: #"e.g. IsComplete "id""#))
        #expect(ruleFailure("IsComplete id") == DQDLSyntaxError(
            "expected a column name in double quotes after IsComplete", at: at(1, 22), hint: #"column names are written in double quotes: "id""#))
        #expect(ruleFailure("Completeness > 0.5")?.message == "expected a column name in double quotes after Completeness")
        #expect(ruleFailure("IsPrimaryKey")?.message == "expected a column name in double quotes after IsPrimaryKey")
        #expect(ruleFailure("IsComplete \"\"") == DQDLSyntaxError("empty column name", at: at(1, 22)))
    }

    @Test func wrongColumnCounts() {
        #expect(ruleFailure(#"ColumnCorrelation "a" > 0.5"#) == DQDLSyntaxError(
            "ColumnCorrelation needs 2 column names", at: at(1, 33), hint: #"found 1, e.g. ColumnCorrelation "height" "weight" > 0.8"#))
        #expect(ruleFailure(#"ColumnCorrelation "a" "b" "c" > 0.5"#)?.position == at(1, 37))
        #expect(ruleFailure(#"RowCount "id" > 100"#) == DQDLSyntaxError("RowCount takes no column names", at: at(1, 20), hint: "e.g. RowCount > 0"))
        #expect(ruleFailure(#"IsUnique "a" "b""#) == DQDLSyntaxError(
            "IsUnique takes 1 column name, found 2", at: at(1, 24), hint: "use IsPrimaryKey for a key of several columns"))
    }

    @Test func detectAnomaliesChecksItsMetric() {
        #expect(ruleFailure("DetectAnomalies")?.message == "expected a metric's rule type name in double quotes after DetectAnomalies")
        #expect(ruleFailure(#"DetectAnomalies "Completenes" "a""#) == DQDLSyntaxError(
            "'Completenes' is not a metric DetectAnomalies can watch", at: at(1, 27), hint: "did you mean Completeness?"))
        #expect(ruleFailure(#"DetectAnomalies "IsComplete" "a""#)?.hint == "one of RowCount, ColumnCount, Completeness, Uniqueness, "
            + "UniqueValueRatio, DistinctValuesCount, Mean, Sum, StandardDeviation, Entropy, ColumnLength, ColumnCorrelation")
        #expect(ruleFailure(#"DetectAnomalies "Completeness""#) == DQDLSyntaxError(
            #"DetectAnomalies "Completeness" needs 1 column name"#, at: at(1, 42), hint: #"found 0, e.g. DetectAnomalies "Completeness" "a""#))
        #expect(ruleFailure(#"DetectAnomalies "RowCount" "a""#) == DQDLSyntaxError(
            #"DetectAnomalies "RowCount" takes no column names"#, at: at(1, 38), hint: #"found 1, e.g. DetectAnomalies "RowCount""#))
        #expect(ruleFailure(#"DetectAnomalies "ColumnCorrelation" "a""#)?.message == #"DetectAnomalies "ColumnCorrelation" needs 2 column names"#)
        #expect(ruleFailure(#"DetectAnomalies "RowCount" > 3"#)?.message == "DetectAnomalies takes no condition")
    }

    @Test func conditionOnARuleThatTakesNone() {
        #expect(ruleFailure(#"IsComplete "a" > 0.5"#) == DQDLSyntaxError(
            "IsComplete takes no condition", at: at(1, 26), hint: #"use Completeness "col" > 0.95 to allow some missing values"#))
        #expect(ruleFailure(#"ColumnExists "a" = 1"#)?.message == "ColumnExists takes no condition")
        #expect(ruleFailure(#"IsPrimaryKey "a" in [1]"#)?.message == "IsPrimaryKey takes no condition")
    }

    @Test func ruleThatNeedsAConditionWithoutOne() {
        #expect(ruleFailure("RowCount") == DQDLSyntaxError("RowCount needs a condition", at: at(1, 20), hint: "e.g. RowCount > 0"))
        #expect(ruleFailure(#"Completeness "a" 0.5"#)?.message == "Completeness needs a condition")
        #expect(ruleFailure(#"Mean "a" bewteen 1 and 2"#) == DQDLSyntaxError("unknown keyword 'bewteen'", at: at(1, 20), hint: "did you mean between?"))
    }

    @Test func whereClausesAreRejected() {
        let expected = DQDLSyntaxError(
            "'where' clauses are not supported by SwiftLake", at: at(1, 32), hint: "filter the data before checking it, or drop the where clause")
        #expect(ruleFailure(#"ColumnValues "a" > 5 where "b = 10""#) == expected)
        #expect(ruleFailure(#"IsComplete "a" where "b > 1""#)?.position == at(1, 26))
        #expect(ruleFailure(#"Completeness "a" where "b > 1" > 0.5"#)?.message == "'where' clauses are not supported by SwiftLake")
        #expect(ruleFailure(#"ColumnValues "a" > 5 with threshold > 0.5 where "b = 1""#)?.message == "'where' clauses are not supported by SwiftLake")
        #expect(ruleFailure(#"(IsComplete "a") and (IsUnique "b") where "x""#)?.message == "'where' clauses are not supported by SwiftLake")
    }

    @Test func emptyOrMissingRules() {
        #expect(failure("Rules = [ ]") == DQDLSyntaxError(
            "no rules", at: at(1, 1), hint: "Rules = [ ... ] needs at least one rule, e.g. Rules = [ RowCount > 0 ]"))
        #expect(failure("Rules = []")?.message == "no rules")
        #expect(failure("")?.message == "expected 'Rules = [ ... ]'")
        #expect(failure("# only a comment\n") == DQDLSyntaxError(
            "expected 'Rules = [ ... ]'", at: at(2, 1), hint: "a DQDL document lists its rules as Rules = [ rule, rule, ... ]"))
        #expect(failure("Analyzers = [ RowCount ]")?.message == "expected 'Rules = [ ... ]'")
        #expect(failure("rules = [ RowCount > 0 ]") == DQDLSyntaxError(
            "unknown section 'rules'", at: at(1, 1), hint: "did you mean Rules? (section names are case-sensitive)"))
        #expect(failure("RowCount > 0")?.message == "expected 'Rules = [' before the first rule")
        #expect(failure("Rules = [ RowCount > 0 ] Rules = [ RowCount > 1 ]") == DQDLSyntaxError("Rules is defined twice", at: at(1, 26)))
        #expect(failure("Rules [ RowCount > 0 ]")?.message == "expected '=' after Rules, found '['")
        #expect(failure("Rules = RowCount > 0")?.message == "expected '[' after Rules =, found 'RowCount'")
        #expect(failure("Rules = [ RowCount > 0 ] junk")?.message == "expected 'Analyzers = [ ... ]' or the end of the document, found 'junk'")
    }

    @Test func separatorsBetweenRules() {
        #expect(ruleFailure(#"IsComplete "a" IsUnique "a""#) == DQDLSyntaxError(
            "expected ',' or ']' after a rule, found 'IsUnique'", at: at(1, 26), hint: "missing ',' before IsUnique?"))
        #expect(ruleFailure(#"IsComplete "a" wiht level = warn"#) == DQDLSyntaxError(
            "unknown keyword 'wiht'", at: at(1, 26), hint: "did you mean with?"))
        #expect(ruleFailure(#"IsComplete "a" frobnicate"#)?.hint == "expected ',' or ']' after a rule")
        #expect(ruleFailure(#"RowCount > 0 5"#)?.message == "expected ',' or ']' after a rule, found 5")
        #expect(ruleFailure(", RowCount > 0")?.message == "expected a rule type, found ','")
    }

    @Test func compositeErrors() {
        #expect(ruleFailure(#"(IsComplete "a") and (IsUnique "a") or (RowCount > 0)"#) == DQDLSyntaxError(
            "cannot mix 'and' and 'or' without parentheses", at: at(1, 47), hint: "group them, e.g. ((A) and (B)) or (C)"))
        #expect(ruleFailure(#"IsComplete "a" and IsUnique "a""#) == DQDLSyntaxError(
            "each rule joined by 'and' must be in parentheses", at: at(1, 26), hint: #"e.g. (IsComplete "id") and (IsUnique "id")"#))
        #expect(ruleFailure(#"(IsComplete "a") and IsUnique "a""#)?.message
            == "expected '(' after 'and': each rule joined by 'and' must be in parentheses, found 'IsUnique'")
        #expect(ruleFailure(#"(IsComplete "a" and (IsUnique "a")"#) == DQDLSyntaxError(
            "expected ')', found 'and'", at: at(1, 27), hint: "each rule joined by and / or must be in its own parentheses: (A) and (B)"))
        #expect(ruleFailure(#"(IsComplete "a" with level = warn) and (IsUnique "a")"#) == DQDLSyntaxError(
            "'with level' applies to a whole rule, not to a part of a composite", at: at(1, 27), hint: "put 'with level = ...' after the last ')'"))
        #expect(ruleFailure(#"(IsComplete "a") and (IsUnique "a") with threshold > 0.5"#)?.message
            == "only 'with level' can follow a composite rule, found 'threshold'")
        #expect(ruleFailure("()")?.message == "expected a rule after '(', found ')'")
        let deep = String(repeating: "(", count: 70) + "RowCount > 0" + String(repeating: ")", count: 70)
        #expect(ruleFailure(deep)?.message == "rules are nested too deeply")
    }

    @Test func levelErrors() {
        #expect(ruleFailure(#"IsComplete "a" with level = info"#) == DQDLSyntaxError("level must be warn or error, found 'info'", at: at(1, 39)))
        #expect(ruleFailure(#"IsComplete "a" with level warn"#)?.message == "expected '=' after 'with level', found 'warn'")
        #expect(ruleFailure(#"IsComplete "a" with level = warn with level = error"#)?.message == "level is given twice")
    }

    @Test func thresholdAndOptionErrors() {
        #expect(ruleFailure(#"Completeness "a" > 0.5 with threshold > 0.9"#) == DQDLSyntaxError(
            "Completeness takes no threshold", at: at(1, 39), hint: "only ColumnValues, ColumnLength and DataFreshness accept 'with threshold'"))
        #expect(ruleFailure(#"ColumnValues "a" > 1 with threshold "x""#)?.message
            == #"expected a comparison operator after 'with threshold', found "x""#)
        #expect(ruleFailure(#"ColumnValues "a" > 1 with threshold > high"#) == DQDLSyntaxError(
            "expected a number after 'with threshold >', found 'high'", at: at(1, 49), hint: "the threshold is the share of rows that must pass, e.g. 0.9"))
        #expect(ruleFailure(#"ColumnValues "a" > 1 with threshold > 0.5 with threshold > 0.6"#)?.message == "threshold is given twice")
        #expect(ruleFailure(#"DetectAnomalies "RowCount" with strategy OnlineNormal"#)?.message
            == "expected '=' after option 'strategy', found 'OnlineNormal'")
        #expect(ruleFailure(#"DetectAnomalies "RowCount" with a = 1 with a = 2"#)?.message == "option 'a' is given twice")
        #expect(ruleFailure(#"DetectAnomalies "RowCount" with a = ["#)?.message
            == "expected an option value (a quoted string, a word or a number), found '['")
        #expect(ruleFailure(#"DetectAnomalies "RowCount" with 5 = 2"#)?.message == "expected an option name after 'with', found 5")
    }

    @Test func operandErrors() {
        #expect(ruleFailure(#"ColumnValues "a" = null"#) == DQDLSyntaxError(
            "unknown keyword 'null'", at: at(1, 30), hint: "did you mean NULL? (written in capitals)"))
        #expect(ruleFailure(#"ColumnValues "a" = US"#)?.hint == #"strings are written in double quotes: "US""#)
        #expect(ruleFailure("RowCount > avg(last(10))")?.hint == "dynamic rules (avg, last, min, max, ...) are not supported by SwiftLake")
        #expect(ruleFailure("RowCount > \"ten\"") == DQDLSyntaxError("RowCount compares numbers: expected a number, found \"ten\"", at: at(1, 22)))
        #expect(ruleFailure("RowCount > NULL")?.message == "RowCount compares numbers: expected a number, found 'NULL'")
        #expect(ruleFailure("RowCount == 5") == DQDLSyntaxError(
            "expected a value (a number, a quoted string, NULL, EMPTY, WHITESPACES_ONLY or now()), found '='", at: at(1, 21), hint: "write '=' once"))
        #expect(ruleFailure(#"ColumnValues "a" > 3 days"#) == DQDLSyntaxError(
            "a bare duration only applies to DataFreshness", at: at(1, 30), hint: "compare dates with (now() - 3 days)"))
        #expect(ruleFailure(#"DataFreshness "t" < 24"#) == DQDLSyntaxError(
            "DataFreshness needs a duration such as 24 hours, found 24", at: at(1, 31), hint: "add a unit: days, hours, minutes or seconds"))
        #expect(ruleFailure(#"DataFreshness "t" < now()"#)?.message == "DataFreshness needs a duration such as 24 hours, found 'now'")
        #expect(ruleFailure(#"ColumnDataType "a" = 5"#)?.message == "ColumnDataType needs a type name in double quotes, found 5")
        #expect(ruleFailure(#"ColumnDataType "a" != "INTEGER""#) == DQDLSyntaxError(
            #"ColumnDataType needs = "TYPE" or in ["TYPE", ...], found '!='"#, at: at(1, 30), hint: #"e.g. ColumnDataType "id" = "INTEGER""#))
        #expect(ruleFailure(#"ColumnDataType "a" matches "INT.*""#)?.message == #"ColumnDataType needs = "TYPE" or in ["TYPE", ...], found 'matches'"#)
        #expect(ruleFailure(#"Mean "a" matches "1""#)?.message == "Mean cannot use 'matches'")
        #expect(ruleFailure(#"ColumnValues "a" matches abc"#)?.message == "expected a regular expression in double quotes after 'matches', found 'abc'")
        #expect(ruleFailure(#"ColumnValues "a" matches "([a-z""#)?.message == #"invalid regular expression "([a-z""#)
    }

    @Test func conditionShapeErrors() {
        #expect(ruleFailure(#"Mean "a" between 1 or 2"#) == DQDLSyntaxError(
            "expected 'and' in 'between ... and ...', found 'or'", at: at(1, 30), hint: "e.g. between 1 and 10"))
        #expect(ruleFailure(#"ColumnValues "a" not = 1"#) == DQDLSyntaxError(
            "expected 'between', 'in' or 'matches' after 'not', found '='", at: at(1, 32), hint: "use != for not equal"))
        #expect(ruleFailure(#"ColumnValues "a" in "x""#)?.message == #"expected '[' after 'in', found "x""#)
        #expect(ruleFailure(#"ColumnValues "a" in []"#) == DQDLSyntaxError("empty list after 'in'", at: at(1, 32), hint: "list at least one value"))
        #expect(ruleFailure(#"ColumnValues "a" in ["x" "y"]"#)?.message == #"expected ',' or ']' in the list, found "y""#)
        #expect(failure(#"Rules = [ ColumnValues "a" in ["x","#)?.message == "expected ',' or ']' in the list, found end of input")
    }

    @Test func nowErrors() {
        #expect(ruleFailure(#"ColumnValues "d" > now() - 3 days"#) == DQDLSyntaxError(
            "now() arithmetic must be in parentheses", at: at(1, 30), hint: "e.g. (now() - 3 days)"))
        #expect(ruleFailure(#"ColumnValues "d" > (now() - 3)"#)?.message
            == "expected a time unit (days, hours, minutes or seconds) after 3, found ')'")
        #expect(ruleFailure(#"ColumnValues "d" > (now() - three days)"#)?.message == "expected a number after 'now() -', found 'three'")
        #expect(ruleFailure(#"ColumnValues "d" > (today() - 3 days)"#)?.message == "expected 'now()' after '(', found 'today'")
        #expect(ruleFailure(#"ColumnValues "d" > (now() - 3 days"#)?.message == "expected ')', found ']'")
        #expect(ruleFailure(#"ColumnValues "d" > now"#)?.message == "expected '(' after 'now', found ']'")
    }

    @Test func analyzerErrors() {
        #expect(failure("Rules = [ RowCount > 0 ] Analyzers = [ IsComplete \"a\" ]")?.message == "IsComplete is not an analyzer")
        #expect(failure("Rules = [ RowCount > 0 ] Analyzers = [ RowCount > 3 ]") == DQDLSyntaxError(
            "analyzers take no condition", at: at(1, 49), hint: "an analyzer only records RowCount; move it to Rules = [ ... ] to check it"))
        #expect(failure("Rules = [ RowCount > 0 ] Analyzers = [ ColumnLength \"a\" with threshold > 0.5 ]")?.message == "analyzers take no threshold")
        #expect(failure("Rules = [ RowCount > 0 ] Analyzers = [ RowCount with level = warn ]")?.message == "analyzers take no level")
        #expect(failure("Rules = [ RowCount > 0 ] Analyzers = [ RowCount ] Analyzers = [ RowCount ]")?.message == "Analyzers is defined twice")
    }

    @Test func lexicalErrors() {
        #expect(ruleFailure("RowCount ! 5") == DQDLSyntaxError("unexpected character '!'", at: at(1, 20), hint: "use '!=' for not equal"))
        #expect(ruleFailure("IsComplete 'a'") == DQDLSyntaxError("unexpected character '''", at: at(1, 22), hint: "strings are written in double quotes"))
        #expect(ruleFailure("RowCount > 5 @")?.message == "unexpected character '@'")
        #expect(ruleFailure("RowCount > 1.") == DQDLSyntaxError("expected digits after '.' in a number", at: at(1, 23)))
    }
}

// MARK: - Comparing without positions

extension DQDLRuleset {
    /// The same ruleset with every position set to line 1, column 1.
    fileprivate var withoutPositions: DQDLRuleset {
        DQDLRuleset(rules: rules.map(\.withoutPositions), analyzers: analyzers.map(\.withoutPosition))
    }
}

extension DQDLRule {
    fileprivate var withoutPositions: DQDLRule {
        DQDLRule(body: body.withoutPositions, level: level)
    }
}

extension RuleBody {
    fileprivate var withoutPositions: RuleBody {
        switch self {
        case .check(let check): .check(check.withoutPosition)
        case .and(let parts): .and(parts.map(\.withoutPositions))
        case .or(let parts): .or(parts.map(\.withoutPositions))
        }
    }
}

extension RuleCheck {
    fileprivate var withoutPosition: RuleCheck {
        var copy = self
        copy.position = SourcePosition(line: 1, column: 1)
        return copy
    }
}
